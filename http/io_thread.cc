#include "http/io_thread.h"

#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace keyledger::http {
namespace {

// The kernel's struct sched_attr (its ABI; <linux/sched/types.h> clashes
// with <sched.h>). glibc 2.36 (Debian 12) has no wrappers for the calls.
struct SchedAttr {
  uint32_t size = sizeof(SchedAttr);
  uint32_t sched_policy = 0;
  uint64_t sched_flags = 0;
  int32_t sched_nice = 0;
  uint32_t sched_priority = 0;
  uint64_t sched_runtime = 0;
  uint64_t sched_deadline = 0;
  uint64_t sched_period = 0;
  uint32_t sched_util_min = 0;
  uint32_t sched_util_max = 0;
};
static_assert(sizeof(SchedAttr) == 56);

int GetAttributes(SchedAttr& attr, pid_t tid = 0) {
  return static_cast<int>(
      syscall(SYS_sched_getattr, tid, &attr, sizeof attr, 0));
}

bool FairShare(const SchedAttr& attr) {
  return attr.sched_policy == SCHED_OTHER || attr.sched_policy == SCHED_BATCH;
}

int SetAttributes(SchedAttr& attr) {
  return static_cast<int>(syscall(SYS_sched_setattr, 0, &attr, 0));
}

std::string Failure(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

}  // namespace

std::string PrepareIoThread(int index, std::chrono::microseconds slice) {
  const std::string name = "kl-io-" + std::to_string(index);
  pthread_setname_np(pthread_self(), name.c_str());
  if (slice.count() <= 0) return "";
  SchedAttr attr;
  if (GetAttributes(attr) != 0) return Failure("sched_getattr");
  if (!FairShare(attr)) return "";
  // Policy, nice value and flags stay as they are; only the slice changes.
  attr.sched_runtime =
      static_cast<uint64_t>(std::chrono::nanoseconds(slice).count());
  if (SetAttributes(attr) != 0) return Failure("sched_setattr");
  if (SchedulerSlice(0).count() == 0) {
    return "this kernel has no per-thread time slices (Linux 6.12 and later)";
  }
  return "";
}

std::chrono::microseconds SchedulerSlice(pid_t tid) {
  SchedAttr attr;
  if (GetAttributes(attr, tid) != 0 || !FairShare(attr)) {
    return std::chrono::microseconds(0);
  }
  return std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::nanoseconds(attr.sched_runtime));
}

}  // namespace keyledger::http
