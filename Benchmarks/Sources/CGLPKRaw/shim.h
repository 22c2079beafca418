#ifndef CGLPKRAW_SHIM_H
#define CGLPKRAW_SHIM_H
#include <glpk.h>
#endif
