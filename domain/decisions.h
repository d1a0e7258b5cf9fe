#ifndef KEYLEDGER_DOMAIN_DECISIONS_H_
#define KEYLEDGER_DOMAIN_DECISIONS_H_

// Internal to domain/: one decision per command, called by Decide after the
// actor passed Authorize(RequiredPermission(command)). Each validates input,
// then the rules, and answers the events to append or the error.

#include <vector>

#include "domain/commands.h"
#include "domain/context.h"
#include "domain/error.h"
#include "domain/events.h"
#include "domain/state.h"

namespace keyledger::domain {

using Events = std::vector<Event>;

// identity_decide.cc
Result<Events> DecideCommand(const State&, const CreateOrg&, const Context&);
Result<Events> DecideCommand(const State&, const CreateUser&, const Context&);
Result<Events> DecideCommand(const State&, const AddOrgUser&, const Context&);
Result<Events> DecideCommand(const State&, const UpdateOrgUser&,
                             const Context&);
Result<Events> DecideCommand(const State&, const RemoveOrgUser&,
                             const Context&);
// api_key_decide.cc
Result<Events> DecideCommand(const State&, const CreateApiKey&, const Context&);
Result<Events> DecideCommand(const State&, const DeleteApiKey&, const Context&);
Result<Events> DecideCommand(const State&, const RecordKeyUse&, const Context&);
// service_account_decide.cc
Result<Events> DecideCommand(const State&, const CreateServiceAccount&,
                             const Context&);
Result<Events> DecideCommand(const State&, const UpdateServiceAccount&,
                             const Context&);
Result<Events> DecideCommand(const State&, const DeleteServiceAccount&,
                             const Context&);
// token_decide.cc
Result<Events> DecideCommand(const State&, const CreateToken&, const Context&);
Result<Events> DecideCommand(const State&, const DeleteToken&, const Context&);
Result<Events> DecideCommand(const State&, const RevokeToken&, const Context&);
// migration_decide.cc
Result<Events> DecideCommand(const State&, const MigrateKey&, const Context&);
Result<Events> DecideCommand(const State&, const MigrateAll&, const Context&);
// revert_decide.cc
Result<Events> DecideCommand(const State&, const HideApiKeys&, const Context&);
Result<Events> DecideCommand(const State&, const RevertToken&, const Context&);

}  // namespace keyledger::domain

#endif  // KEYLEDGER_DOMAIN_DECISIONS_H_
