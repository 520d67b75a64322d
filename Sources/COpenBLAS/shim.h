// OpenBLAS's CBLAS interface (Debian/Ubuntu: apt install libopenblas-dev).
#include <cblas.h>
