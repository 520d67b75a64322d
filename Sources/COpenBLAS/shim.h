// OpenBLAS's CBLAS interface (Debian/Ubuntu: apt install libopenblas-dev).
#include <cblas.h>

// Exported by OpenBLAS but not declared in cblas.h: stops the worker threads started when the
// library loads. The network runs every product on the calling thread, so the idle workers would
// only spin (and burn CPU) in the background.
int blas_thread_shutdown_(void);
