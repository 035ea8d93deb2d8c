// nabla_bench: the native benchmark suite as one executable (`nabla_bench --smoke`, flags in bench_cases.h);
// benchmarks/run.mjs runs it next to the WASM and peer contenders.
#include "bench_cases.h"

int main(int argc, char** argv) { return nabla::bench::run_benchmarks(argc, argv); }
