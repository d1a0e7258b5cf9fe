#ifndef KEYLEDGER_HTTP_IO_THREAD_H_
#define KEYLEDGER_HTTP_IO_THREAD_H_

#include <sys/types.h>

#include <chrono>
#include <string>

namespace keyledger::http {

// Prepares the calling thread to run an I/O loop: names it "kl-io-<index>"
// and, when `slice` is positive, asks the kernel for that scheduler time
// slice. On Linux 6.12 and later (EEVDF) a short slice gives a thread that
// wakes to serve a request an earlier deadline, so it waits less behind
// busy threads (its share of CPU time is unchanged); the kernel clamps it
// to 100 us..100 ms. A thread under a real-time policy is left as the
// operator set it. Returns an empty string, or why the slice was not
// applied (an older kernel, a refusal), for the server's log.
std::string PrepareIoThread(int index, std::chrono::microseconds slice);

// The time slice the kernel reports for thread `tid` (0: the calling
// thread); zero when it reports none (kernels before 6.12) or the thread is
// not under a fair-share policy.
std::chrono::microseconds SchedulerSlice(pid_t tid);

}  // namespace keyledger::http

#endif  // KEYLEDGER_HTTP_IO_THREAD_H_
