/* SPDX-License-Identifier: MIT
 * CVODE (SUNDIALS, Debian's libsundials-dev) on the ODE work-precision problems, with the tolerances, output times and
 * metrics of `dotnet run -c Release --project benchmarks/ModelCompiler.Benchmarks -- ode` (the README of
 * tests/ModelCompiler.Tests/Data/ode): Airy, Lorenz (beta = 8/3, t <= 10), Lotka-Volterra, Robertson, Van der Pol
 * (mu = 1000) and the Brusselator (N = 500, interleaved, banded). Methods: CVODE's BDF with Newton iteration and the
 * supplied analytic Jacobian (dense LU; banded LU for the Brusselator) on every problem, and on the non-stiff ones Adams
 * with fixed-point iteration (no Jacobian, CVODE's recommendation for non-stiff problems) and Adams with Newton and the
 * Jacobian. Prints error, steps, rhs evaluations, Jacobian evaluations, linear-solver setups (LU factorizations) and
 * CPU time per run (thread CPU clock, best of five batches), one line per run in the harness's format.
 *   build: cc -O2 -o ode_cvode ode_cvode.c -lsundials_cvode -lsundials_nvecserial -lsundials_sunmatrixdense \
 *          -lsundials_sunmatrixband -lsundials_sunlinsoldense -lsundials_sunlinsolband \
 *          -lsundials_sunnonlinsolfixedpoint -lm
 *   run:   ./ode_cvode [data folder] [problem ...] [--rtol 1e-6,1e-10]   (or: sh ode_cvode.sh, which installs, builds and runs)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunmatrix/sunmatrix_band.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunnonlinsol/sunnonlinsol_fixedpoint.h>

#define BRUSS_POINTS 500
#define MAX_OUT 1100

/* ---- right-hand sides and Jacobians ---- */
static int airy_f(realtype t, N_Vector y, N_Vector ydot, void *u) {
  realtype *a = N_VGetArrayPointer(y), *d = N_VGetArrayPointer(ydot);
  d[0] = a[1]; d[1] = t * a[0];
  return 0;
}
static int airy_j(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *u, N_Vector t1, N_Vector t2, N_Vector t3) {
  SM_ELEMENT_D(J,0,0) = 0; SM_ELEMENT_D(J,0,1) = 1; SM_ELEMENT_D(J,1,0) = t; SM_ELEMENT_D(J,1,1) = 0;
  return 0;
}
static int lorenz_f(realtype t, N_Vector y, N_Vector ydot, void *u) {
  realtype *a = N_VGetArrayPointer(y), *d = N_VGetArrayPointer(ydot);
  d[0] = 10 * (a[1] - a[0]); d[1] = a[0] * (28 - a[2]) - a[1]; d[2] = a[0] * a[1] - 8.0 / 3.0 * a[2];
  return 0;
}
static int lorenz_j(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *u, N_Vector t1, N_Vector t2, N_Vector t3) {
  realtype *a = N_VGetArrayPointer(y);
  SM_ELEMENT_D(J,0,0) = -10; SM_ELEMENT_D(J,0,1) = 10; SM_ELEMENT_D(J,0,2) = 0;
  SM_ELEMENT_D(J,1,0) = 28 - a[2]; SM_ELEMENT_D(J,1,1) = -1; SM_ELEMENT_D(J,1,2) = -a[0];
  SM_ELEMENT_D(J,2,0) = a[1]; SM_ELEMENT_D(J,2,1) = a[0]; SM_ELEMENT_D(J,2,2) = -8.0 / 3.0;
  return 0;
}
static int lv_f(realtype t, N_Vector y, N_Vector ydot, void *u) {
  realtype *a = N_VGetArrayPointer(y), *d = N_VGetArrayPointer(ydot);
  d[0] = 1.0 * a[0] - 0.1 * a[0] * a[1]; d[1] = 0.075 * a[0] * a[1] - 1.5 * a[1];
  return 0;
}
static int lv_j(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *u, N_Vector t1, N_Vector t2, N_Vector t3) {
  realtype *a = N_VGetArrayPointer(y);
  SM_ELEMENT_D(J,0,0) = 1.0 - 0.1 * a[1]; SM_ELEMENT_D(J,0,1) = -0.1 * a[0];
  SM_ELEMENT_D(J,1,0) = 0.075 * a[1]; SM_ELEMENT_D(J,1,1) = 0.075 * a[0] - 1.5;
  return 0;
}
static int rob_f(realtype t, N_Vector y, N_Vector ydot, void *u) {
  realtype *a = N_VGetArrayPointer(y), *d = N_VGetArrayPointer(ydot);
  double p = 0.04 * a[0], q = 1e4 * a[1] * a[2], r = 3e7 * a[1] * a[1];
  d[0] = -p + q; d[1] = p - r - q; d[2] = r;
  return 0;
}
static int rob_j(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *u, N_Vector t1, N_Vector t2, N_Vector t3) {
  realtype *a = N_VGetArrayPointer(y);
  SM_ELEMENT_D(J,0,0) = -0.04; SM_ELEMENT_D(J,0,1) = 1e4*a[2]; SM_ELEMENT_D(J,0,2) = 1e4*a[1];
  SM_ELEMENT_D(J,1,0) = 0.04; SM_ELEMENT_D(J,1,1) = -6e7*a[1] - 1e4*a[2]; SM_ELEMENT_D(J,1,2) = -1e4*a[1];
  SM_ELEMENT_D(J,2,0) = 0; SM_ELEMENT_D(J,2,1) = 6e7*a[1]; SM_ELEMENT_D(J,2,2) = 0;
  return 0;
}
static int vdp_f(realtype t, N_Vector y, N_Vector ydot, void *u) {
  realtype *a = N_VGetArrayPointer(y), *d = N_VGetArrayPointer(ydot);
  d[0] = a[1]; d[1] = 1000.0 * (1 - a[0]*a[0]) * a[1] - a[0];
  return 0;
}
static int vdp_j(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *u, N_Vector t1, N_Vector t2, N_Vector t3) {
  realtype *a = N_VGetArrayPointer(y);
  SM_ELEMENT_D(J,0,0) = 0; SM_ELEMENT_D(J,0,1) = 1;
  SM_ELEMENT_D(J,1,0) = -2000.0*a[0]*a[1] - 1; SM_ELEMENT_D(J,1,1) = 1000.0*(1 - a[0]*a[0]);
  return 0;
}
/* Brusselator, 1-D, interleaved (u1, v1, u2, v2, ...), alpha = 0.02, u = 1, v = 3 on the boundary */
static int bru_f(realtype t, N_Vector y, N_Vector ydot, void *u_) {
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
static int bru_j(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *u_, N_Vector t1, N_Vector t2, N_Vector t3) {
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

/* ---- the problems: state, tolerances, output times, reference ---- */
enum { AIRY, LORENZ, LOTKA, ROBERTSON, VANDERPOL, BRUSSELATOR, PROBLEMS };
static const char *names[PROBLEMS] = {"airy", "lorenz", "lotka", "robertson", "vanderpol", "brusselator"};
static const int stiff[PROBLEMS] = {0, 0, 0, 1, 1, 1};
static const int sizes[PROBLEMS] = {2, 3, 2, 3, 2, 2*BRUSS_POINTS};
static CVRhsFn rhs[PROBLEMS] = {airy_f, lorenz_f, lv_f, rob_f, vdp_f, bru_f};
static CVLsJacFn jac[PROBLEMS] = {airy_j, lorenz_j, lv_j, rob_j, vdp_j, bru_j};

static int nout[PROBLEMS];
static double tout[PROBLEMS][MAX_OUT];
static double ref[PROBLEMS][MAX_OUT][3];   /* reference at the outputs (first components) */
static double bruRef[2*BRUSS_POINTS];

/* Reads the named columns of a reference CSV (header row, then numbers) into cols[k][row]; returns the row count. */
static int read_csv(const char *folder, const char *file, int ncol, const char **want, double cols[][MAX_OUT * 3], int maxrows) {
  char path[1024]; snprintf(path, sizeof path, "%s/%s", folder, file);
  FILE *f = fopen(path, "r");
  if (!f) { fprintf(stderr, "cannot open %s\n", path); exit(1); }
  char line[4096]; int idx[8];
  if (!fgets(line, sizeof line, f)) exit(1);
  for (int k = 0; k < ncol; k++) {
    idx[k] = -1; int c = 0; char *s = line;
    while (s) { if (strncmp(s, want[k], strlen(want[k])) == 0 && (s[strlen(want[k])] == ',' || s[strlen(want[k])] == '\n' || s[strlen(want[k])] == '\r')) { idx[k] = c; break; }
                s = strchr(s, ','); if (s) s++; c++; }
    if (idx[k] < 0) { fprintf(stderr, "%s has no column %s\n", file, want[k]); exit(1); }
  }
  int rows = 0;
  while (rows < maxrows && fgets(line, sizeof line, f)) {
    double v[16]; int c = 0; char *s = line;
    while (s && c < 16) { v[c++] = strtod(s, NULL); s = strchr(s, ','); if (s) s++; }
    for (int k = 0; k < ncol; k++) cols[k][rows] = v[idx[k]];
    rows++;
  }
  fclose(f);
  return rows;
}

static double colbuf[4][MAX_OUT * 3];

static void load(const char *folder) {
  const char *airyCols[] = {"t", "y"};
  nout[AIRY] = read_csv(folder, "airy.csv", 2, airyCols, colbuf, 400);
  for (int i = 0; i < nout[AIRY]; i++) { tout[AIRY][i] = colbuf[0][i]; ref[AIRY][i][0] = colbuf[1][i]; }
  const char *lorenzCols[] = {"t", "x_a", "y_a", "z_a"};
  int rows = read_csv(folder, "lorenz-beta8over3.csv", 4, lorenzCols, colbuf, 3000 > MAX_OUT * 3 ? MAX_OUT * 3 : 3000);
  nout[LORENZ] = 0;
  for (int i = 0; i < rows && colbuf[0][i] <= 10; i++) {
    tout[LORENZ][i] = colbuf[0][i];
    for (int j = 0; j < 3; j++) ref[LORENZ][i][j] = colbuf[1 + j][i];
    nout[LORENZ]++;
  }
  /* Lotka-Volterra at the true parameters on t = 0, 0.5, ..., 10 (lotka-volterra.json's forward_reference; x_true, y_true
     of the CSV at t = 0.5, ..., 10). */
  const char *lvCols[] = {"t", "x_true", "y_true"};
  rows = read_csv(folder, "lotka-volterra.csv", 3, lvCols, colbuf, 20);
  nout[LOTKA] = rows + 1; tout[LOTKA][0] = 0; ref[LOTKA][0][0] = 10; ref[LOTKA][0][1] = 5;
  for (int i = 0; i < rows; i++) { tout[LOTKA][i + 1] = colbuf[0][i]; ref[LOTKA][i + 1][0] = colbuf[1][i]; ref[LOTKA][i + 1][1] = colbuf[2][i]; }
  /* Robertson and Van der Pol: the final time only; the reference at it (30 digits, the README). */
  nout[ROBERTSON] = 2; tout[ROBERTSON][0] = 0; tout[ROBERTSON][1] = 1e11;
  ref[ROBERTSON][1][0] = 2.08334014970129414383632512951e-08; ref[ROBERTSON][1][1] = 8.33336077033478322717566810363e-14;
  ref[ROBERTSON][1][2] = 9.99999979166515169379355213804e-01;
  nout[VANDERPOL] = 2; tout[VANDERPOL][0] = 0; tout[VANDERPOL][1] = 3000;
  ref[VANDERPOL][1][0] = -1.51060693674411149021768562924; ref[VANDERPOL][1][1] = 1.17838000073091102388922648634e-03;
  nout[BRUSSELATOR] = 2; tout[BRUSSELATOR][0] = 0; tout[BRUSSELATOR][1] = 10;
}

typedef enum { BDF_NEWTON, ADAMS_FIXEDPOINT, ADAMS_NEWTON } Method;
static const char *methodNames[] = {"CVODE-BDF", "CVODE-Adams-fp", "CVODE-Adams"};

typedef struct { long nst, nfe, nje, nsetups, nni; double err; int ok; } Outcome;
static double finalState[2*BRUSS_POINTS];

static Outcome run(int p, Method method, double rtol, SUNContext ctx) {
  Outcome o; memset(&o, 0, sizeof o);
  int n = sizes[p];
  N_Vector y = N_VNew_Serial(n, ctx), atol = N_VNew_Serial(n, ctx);
  realtype *u = N_VGetArrayPointer(y), *a = N_VGetArrayPointer(atol);
  switch (p) {
    case AIRY: u[0] = 0.3550280538878172; u[1] = -0.2588194037928069; a[0] = a[1] = 1e-4 * rtol; break;
    case LORENZ: u[0] = 0; u[1] = 1; u[2] = 0; a[0] = a[1] = a[2] = rtol; break;
    case LOTKA: u[0] = 10; u[1] = 5; a[0] = a[1] = 1e-6 * rtol; break;
    case ROBERTSON: u[0] = 1; u[1] = 0; u[2] = 0; a[0] = 1e-8*rtol; a[1] = 1e-14*rtol; a[2] = 1e-8*rtol; break;
    case VANDERPOL: u[0] = 2; u[1] = 0; a[0] = a[1] = 1e-6*rtol; break;
    default:
      for (int i = 0; i < BRUSS_POINTS; i++) { u[2*i] = 1 + sin(2*M_PI*(i+1)/(BRUSS_POINTS+1)); u[2*i+1] = 3; a[2*i] = a[2*i+1] = rtol; }
  }
  void *mem = CVodeCreate(method == BDF_NEWTON ? CV_BDF : CV_ADAMS, ctx);
  CVodeInit(mem, rhs[p], 0.0, y);
  CVodeSVtolerances(mem, rtol, atol);
  CVodeSetMaxNumSteps(mem, 10000000);
  SUNMatrix A = NULL; SUNLinearSolver LS = NULL; SUNNonlinearSolver NLS = NULL;
  if (method == ADAMS_FIXEDPOINT) {
    NLS = SUNNonlinSol_FixedPoint(y, 0, ctx);
    CVodeSetNonlinearSolver(mem, NLS);
  } else {
    A = p == BRUSSELATOR ? SUNBandMatrix(n, 2, 2, ctx) : SUNDenseMatrix(n, n, ctx);
    LS = p == BRUSSELATOR ? SUNLinSol_Band(y, A, ctx) : SUNLinSol_Dense(y, A, ctx);
    CVodeSetLinearSolver(mem, LS, A);
    CVodeSetJacFn(mem, jac[p]);
  }
  realtype t; double err = 0; o.ok = 1;
  for (int k = 1; k < nout[p] && o.ok; k++) {
    o.ok = CVode(mem, tout[p][k], y, &t, CV_NORMAL) >= 0;
    if (!o.ok) break;
    switch (p) {
      case AIRY: err = fmax(err, fabs(u[0] - ref[p][k][0]) / fabs(ref[p][k][0])); break;
      case LORENZ: for (int j = 0; j < 3; j++) err = fmax(err, fabs(u[j] - ref[p][k][j])); break;
      case LOTKA: for (int j = 0; j < 2; j++) err = fmax(err, fabs(u[j] - ref[p][k][j]) / ref[p][k][j]); break;
      case ROBERTSON: for (int j = 0; j < 3; j++) err = fmax(err, fabs(u[j] - ref[p][k][j]) / ref[p][k][j]); break;
      case VANDERPOL: for (int j = 0; j < 2; j++) err = fmax(err, fabs(u[j] - ref[p][k][j]) / fabs(ref[p][k][j])); break;
      default: for (int i = 0; i < n; i++) err = fmax(err, fabs(u[i] - bruRef[i]));
    }
  }
  o.err = err;
  for (int i = 0; i < n; i++) finalState[i] = u[i];
  CVodeGetNumSteps(mem, &o.nst); CVodeGetNumRhsEvals(mem, &o.nfe);
  if (LS) { CVodeGetNumJacEvals(mem, &o.nje); CVodeGetNumLinSolvSetups(mem, &o.nsetups); }
  CVodeGetNumNonlinSolvIters(mem, &o.nni);
  CVodeFree(&mem);
  if (LS) SUNLinSolFree(LS);
  if (A) SUNMatDestroy(A);
  if (NLS) SUNNonlinSolFree(NLS);
  N_VDestroy(y); N_VDestroy(atol);
  return o;
}

static double cpu_ms(void) { struct timespec s; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &s); return s.tv_sec * 1e3 + s.tv_nsec * 1e-6; }

int main(int argc, char **argv) {
  const char *folder = argc > 1 ? argv[1] : "../../tests/ModelCompiler.Tests/Data/ode";
  double rtols[8] = {1e-6, 1e-10}; int nr = 2;
  int want[PROBLEMS] = {0}, any = 0;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--rtol") == 0 && i + 1 < argc) {
      nr = 0; char *s = argv[++i];
      while (s && nr < 8) { rtols[nr++] = strtod(s, NULL); s = strchr(s, ','); if (s) s++; }
    } else {
      for (int p = 0; p < PROBLEMS; p++) if (strcmp(argv[i], names[p]) == 0) { want[p] = 1; any = 1; }
    }
  }
  load(folder);
  SUNContext ctx; SUNContext_Create(NULL, &ctx);
  if (!any || want[BRUSSELATOR]) {
    /* The Brusselator's reference: CVODE itself at rtol = atol = 1e-13 (the harness uses Rodas5P at 1e-13; the two agree to about 1e-11). */
    run(BRUSSELATOR, BDF_NEWTON, 1e-13, ctx);
    memcpy(bruRef, finalState, sizeof bruRef);
  }
  printf("problem      method          rtol      error      steps    f-evals  Jacobians     LU     time-ms\n");
  for (int p = 0; p < PROBLEMS; p++) {
    if (any && !want[p]) continue;
    for (int r = 0; r < nr; r++) {
      Method methods[3] = {BDF_NEWTON, ADAMS_FIXEDPOINT, ADAMS_NEWTON};
      int count = stiff[p] ? 1 : 3;
      for (int m = 0; m < count; m++) {
        Outcome o = run(p, methods[m], rtols[r], ctx);
        double single = cpu_ms(); run(p, methods[m], rtols[r], ctx); single = cpu_ms() - single;
        int batch = single > 20 ? 1 : (int)(20 / (single > 1e-3 ? single : 1e-3)) + 1;
        double best = 1e300;
        for (int b = 0; b < 5; b++) {
          double s = cpu_ms();
          for (int k = 0; k < batch; k++) run(p, methods[m], rtols[r], ctx);
          double e = (cpu_ms() - s) / batch;
          if (e < best) best = e;
        }
        char error[32];
        if (o.ok) snprintf(error, sizeof error, "%10.2e", o.err); else snprintf(error, sizeof error, "%10s", "FAILED");
        printf("%-12s %-14s %6.0e %s %8ld %10ld %9ld %8ld %11.3f\n", names[p], methodNames[methods[m]], rtols[r], error,
               o.nst, o.nfe, o.nje, o.nsetups, best);
      }
    }
  }
  SUNContext_Free(&ctx);
  return 0;
}
