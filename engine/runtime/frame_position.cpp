// Position of a Lua frame: the instruction being executed and its line (see runtime/debug.h for the
// saved_pc convention shared with the VM).
#include "runtime/debug.h"

namespace luna::runtime {

int current_pc(CallInfo* ci) {
  const Proto* p = as_lclosure(*ci->func)->p;
  return static_cast<int>(ci->u.l.saved_pc - p->code) - 1;
}

int current_line(CallInfo* ci) {
  if ((ci->call_status & cist::c) != 0) return -1;
  const int pc = current_pc(ci);
  return line_of(as_lclosure(*ci->func)->p, pc < 0 ? 0 : pc);
}

}  // namespace luna::runtime
