/* SPDX-License-Identifier: MIT
 * CVODE (SUNDIALS, Debian's libsundials-dev) on the ODE reference problems with the same tolerances and metrics as
 * `dotnet run -c Release --project benchmarks/ModelCompiler.Benchmarks -- ode`: BDF with Newton iteration and the
 * supplied analytic Jacobian (dense LU; banded LU for the Brusselator). Prints error, steps, rhs evaluations, Jacobian
 * evaluations, linear-solver setups (LU factorizations) and CPU time per run (best of five batches).
 *   build: cc -O2 -o ode_cvode ode_cvode.c -lsundials_cvode -lsundials_nvecserial -lsundials_sunmatrixdense \
 *          -lsundials_sunmatrixband -lsundials_sunlinsoldense -lsundials_sunlinsolband -lm
 *   run:   ./ode_cvode            (or: sh ode_cvode.sh, which installs the package, builds and runs)
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunmatrix/sunmatrix_band.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_band.h>

#define BRUSS_POINTS 500

/* Robertson, k = (0.04, 3e7, 1e4) */
static int rob_f(realtype t, N_Vector y, N_Vector ydot, void *user) {
  realtype *u = N_VGetArrayPointer(y), *d = N_VGetArrayPointer(ydot);
  double a = 0.04 * u[0], b = 1e4 * u[1] * u[2], c = 3e7 * u[1] * u[1];
  d[0] = -a + b; d[1] = a - c - b; d[2] = c;
  return 0;
}
static int rob_j(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *user, N_Vector t1, N_Vector t2, N_Vector t3) {
  realtype *u = N_VGetArrayPointer(y);
  SM_ELEMENT_D(J,0,0) = -0.04; SM_ELEMENT_D(J,0,1) = 1e4*u[2]; SM_ELEMENT_D(J,0,2) = 1e4*u[1];
  SM_ELEMENT_D(J,1,0) = 0.04; SM_ELEMENT_D(J,1,1) = -6e7*u[1] - 1e4*u[2]; SM_ELEMENT_D(J,1,2) = -1e4*u[1];
  SM_ELEMENT_D(J,2,0) = 0; SM_ELEMENT_D(J,2,1) = 6e7*u[1]; SM_ELEMENT_D(J,2,2) = 0;
  return 0;
}
/* Van der Pol, mu = 1000 (MATLAB's vdp1000) */
static int vdp_f(realtype t, N_Vector y, N_Vector ydot, void *user) {
  realtype *u = N_VGetArrayPointer(y), *d = N_VGetArrayPointer(ydot);
  d[0] = u[1]; d[1] = 1000.0 * (1 - u[0]*u[0]) * u[1] - u[0];
  return 0;
}
static int vdp_j(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *user, N_Vector t1, N_Vector t2, N_Vector t3) {
  realtype *u = N_VGetArrayPointer(y);
  SM_ELEMENT_D(J,0,0) = 0; SM_ELEMENT_D(J,0,1) = 1;
  SM_ELEMENT_D(J,1,0) = -2000.0*u[0]*u[1] - 1; SM_ELEMENT_D(J,1,1) = 1000.0*(1 - u[0]*u[0]);
  return 0;
}
/* Brusselator, 1-D, interleaved (u1, v1, u2, v2, ...), alpha = 0.02, u = 1, v = 3 on the boundary */
static int bru_f(realtype t, N_Vector y, N_Vector ydot, void *user) {
  realtype *w = N_VGetArrayPointer(y), *d = N_VGetArrayPointer(ydot);
  int m = BRUSS_POINTS; double c = 0.02 * (m + 1) * (m + 1);
  for (int i = 0; i < m; i++) {
    double u = w[2*i], v = w[2*i+1];
    double ul = i > 0 ? w[2*i-2] : 1, ur = i < m-1 ? w[2*i+2] : 1;
    double vl = i > 0 ? w[2*i-1] : 3, vr = i < m-1 ? w[2*i+3] : 3;
    double uuv = u*u*v;
    d[2*i] = 1 + uuv - 4*u + c*(ul - 2*u + ur);
    d[2*i+1] = 3*u - uuv + c*(vl - 2*v + vr);
  }
  return 0;
}
static int bru_j(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *user, N_Vector t1, N_Vector t2, N_Vector t3) {
  realtype *w = N_VGetArrayPointer(y);
  int m = BRUSS_POINTS, n = 2*m; double c = 0.02 * (m + 1) * (m + 1);
  SUNMatZero(J);
  for (int r = 0; r < n; r++) {
    int i = r / 2; double u = w[2*i], v = w[2*i+1];
    if (r - 2 >= 0) SM_ELEMENT_B(J, r, r-2) = c;
    if (r + 2 < n) SM_ELEMENT_B(J, r, r+2) = c;
    if (r % 2 == 0) { SM_ELEMENT_B(J, r, r) = 2*u*v - 4 - 2*c; SM_ELEMENT_B(J, r, r+1) = u*u; }
    else { SM_ELEMENT_B(J, r, r-1) = 3 - 2*u*v; SM_ELEMENT_B(J, r, r) = -u*u - 2*c; }
  }
  return 0;
}

typedef struct { long nst, nfe, nje, nsetups, netf, ncfn, nni; double y[2*BRUSS_POINTS]; int ok; } Outcome;

static Outcome run(int problem, double rtol, SUNContext ctx) {
  Outcome o; memset(&o, 0, sizeof o);
  int n = problem == 0 ? 3 : problem == 1 ? 2 : 2*BRUSS_POINTS;
  double tend = problem == 0 ? 1e11 : problem == 1 ? 3000 : 10;
  N_Vector y = N_VNew_Serial(n, ctx), atol = N_VNew_Serial(n, ctx);
  realtype *u = N_VGetArrayPointer(y), *a = N_VGetArrayPointer(atol);
  if (problem == 0) { u[0] = 1; u[1] = 0; u[2] = 0; a[0] = 1e-8*rtol; a[1] = 1e-14*rtol; a[2] = 1e-8*rtol; }
  else if (problem == 1) { u[0] = 2; u[1] = 0; a[0] = a[1] = 1e-6*rtol; }
  else { for (int i = 0; i < BRUSS_POINTS; i++) { u[2*i] = 1 + sin(2*M_PI*(i+1)/(BRUSS_POINTS+1)); u[2*i+1] = 3; a[2*i] = a[2*i+1] = rtol; } }
  void *mem = CVodeCreate(CV_BDF, ctx);
  CVodeInit(mem, problem == 0 ? rob_f : problem == 1 ? vdp_f : bru_f, 0.0, y);
  CVodeSVtolerances(mem, rtol, atol);
  CVodeSetMaxNumSteps(mem, 10000000);
  SUNMatrix A = problem == 2 ? SUNBandMatrix(n, 2, 2, ctx) : SUNDenseMatrix(n, n, ctx);
  SUNLinearSolver LS = problem == 2 ? SUNLinSol_Band(y, A, ctx) : SUNLinSol_Dense(y, A, ctx);
  CVodeSetLinearSolver(mem, LS, A);
  CVodeSetJacFn(mem, problem == 0 ? rob_j : problem == 1 ? vdp_j : bru_j);
  realtype t;
  o.ok = CVode(mem, tend, y, &t, CV_NORMAL) >= 0;
  CVodeGetNumSteps(mem, &o.nst); CVodeGetNumRhsEvals(mem, &o.nfe); CVodeGetNumJacEvals(mem, &o.nje);
  CVodeGetNumLinSolvSetups(mem, &o.nsetups); CVodeGetNumErrTestFails(mem, &o.netf);
  CVodeGetNumNonlinSolvConvFails(mem, &o.ncfn); CVodeGetNumNonlinSolvIters(mem, &o.nni);
  for (int i = 0; i < n; i++) o.y[i] = u[i];
  CVodeFree(&mem); SUNLinSolFree(LS); SUNMatDestroy(A); N_VDestroy(y); N_VDestroy(atol);
  return o;
}

static double cpu_ms(void) { struct timespec s; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &s); return s.tv_sec * 1e3 + s.tv_nsec * 1e-6; }

int main(void) {
  SUNContext ctx; SUNContext_Create(NULL, &ctx);
  /* Reference values at the final time (tests/ModelCompiler.Tests/Data/ode, README). */
  const double rob[3] = {2.08334014970129414383632512951e-08, 8.33336077033478322717566810363e-14, 9.99999979166515169379355213804e-01};
  const double vdp[2] = {-1.51060693674411149021768562924, 1.17838000073091102388922648634e-03};
  static Outcome bruRef; bruRef = run(2, 1e-13, ctx);
  const char *names[3] = {"robertson", "vanderpol", "brusselator"};
  const double rtols[2] = {1e-6, 1e-10};
  printf("problem      method          rtol      error      steps    f-evals  Jacobians     LU     time-ms\n");
  for (int p = 0; p < 3; p++) for (int k = 0; k < 2; k++) {
    Outcome o = run(p, rtols[k], ctx);
    double err = 0;
    if (p == 0) for (int i = 0; i < 3; i++) err = fmax(err, fabs(o.y[i] - rob[i]) / rob[i]);
    else if (p == 1) for (int i = 0; i < 2; i++) err = fmax(err, fabs(o.y[i] - vdp[i]) / fabs(vdp[i]));
    else for (int i = 0; i < 2*BRUSS_POINTS; i++) err = fmax(err, fabs(o.y[i] - bruRef.y[i]));
    double single = cpu_ms(); run(p, rtols[k], ctx); single = cpu_ms() - single;
    int batch = single > 20 ? 1 : (int)(20 / (single > 1e-3 ? single : 1e-3)) + 1;
    double best = 1e300;
    for (int b = 0; b < 5; b++) { double s = cpu_ms(); for (int r = 0; r < batch; r++) run(p, rtols[k], ctx); double e = (cpu_ms() - s) / batch; if (e < best) best = e; }
    printf("%-12s %-14s %6.0e %10.2e %8ld %10ld %9ld %8ld %11.3f   (netf %ld, ncfn %ld, nni %ld)%s\n", names[p], "CVODE-BDF", rtols[k], err,
           o.nst, o.nfe, o.nje, o.nsetups, best, o.netf, o.ncfn, o.nni, o.ok ? "" : " FAILED");
  }
  SUNContext_Free(&ctx);
  return 0;
}
