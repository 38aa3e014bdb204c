// SPDX-License-Identifier: MIT
// The batch benchmark's curves fitted one by one with Ceres (automatic differentiation, dense QR, default
// tolerances), in a loop on one thread or split over threads with OpenMP. The curves are generated exactly as
// benchmarks/ModelCompiler.Benchmarks/BatchData.cs does (see batch_curve_fit.py, which builds and runs this).
//
//     ceres_batch spots|decays curves threads
//
// Prints: "ceres <name> curves <m> threads <t> <ms> ms <rate> fits/s converged <count>".
#include <ceres/ceres.h>
#include <omp.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

struct Random64 {
  uint64_t state;
  uint64_t Next() {
    state += 0x9E3779B97F4A7C15ULL;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }
  double Gaussian() {
    double u1 = Uniform(), u2 = Uniform();
    return std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(2.0 * M_PI * u2);
  }
};

constexpr int kSide = 15, kSpotPoints = kSide * kSide, kDecayPoints = 64;

struct SpotResiduals {
  const double* y;
  template <typename T>
  bool operator()(const T* p, T* residual) const {
    // p = a, x0, y0, s, b
    T inv = T(1.0) / (T(2.0) * p[3] * p[3]);
    for (int i = 0; i < kSpotPoints; ++i) {
      T du = T(i % kSide) - p[1], dv = T(i / kSide) - p[2];
      residual[i] = p[0] * exp(-(du * du + dv * dv) * inv) + p[4] - T(y[i]);
    }
    return true;
  }
};

struct DecayResiduals {
  const double* y;
  template <typename T>
  bool operator()(const T* p, T* residual) const {
    // p = a, tau, b
    for (int i = 0; i < kDecayPoints; ++i)
      residual[i] = p[0] * exp(-T(double(i)) / p[1]) + p[2] - T(y[i]);
    return true;
  }
};

}  // namespace

int main(int argc, char** argv) {
  bool spots = argc < 2 || std::strcmp(argv[1], "decays") != 0;
  int curves = argc > 2 ? std::atoi(argv[2]) : 100000;
  int threads = argc > 3 ? std::atoi(argv[3]) : 1;
  int n = spots ? kSpotPoints : kDecayPoints, p = spots ? 5 : 3;
  uint64_t seed = spots ? 20240602ULL : 20240603ULL;

  std::vector<double> y(size_t(curves) * n), start(size_t(curves) * p);
  for (int c = 0; c < curves; ++c) {
    Random64 r{seed + (uint64_t(c) << 32)};
    double* yc = &y[size_t(c) * n];
    double* sc = &start[size_t(c) * p];
    if (spots) {
      double t[5] = {200 + 800 * r.Uniform(), 5.5 + 3 * r.Uniform(), 5.5 + 3 * r.Uniform(), 1.2 + 0.8 * r.Uniform(), 10 + 20 * r.Uniform()};
      for (int i = 0; i < n; ++i) {
        double du = (i % kSide) - t[1], dv = (i / kSide) - t[2];
        double lambda = t[0] * std::exp(-(du * du + dv * dv) / (2 * t[3] * t[3])) + t[4];
        yc[i] = lambda + std::sqrt(lambda) * r.Gaussian();
      }
    } else {
      double t[3] = {500 + 1500 * r.Uniform(), 4 + 16 * r.Uniform(), 2 + 18 * r.Uniform()};
      for (int i = 0; i < n; ++i) {
        double lambda = t[0] * std::exp(-i / t[1]) + t[2];
        yc[i] = lambda + std::sqrt(lambda) * r.Gaussian();
      }
    }
    double lo = *std::min_element(yc, yc + n), hi = *std::max_element(yc, yc + n);
    if (spots) {
      double s[5] = {hi - lo, 7, 7, 1.5, lo};
      std::copy(s, s + 5, sc);
    } else {
      double s[3] = {hi - lo, 10, lo};
      std::copy(s, s + 3, sc);
    }
  }

  std::vector<double> fitted(start);
  int converged = 0;
  auto begin = std::chrono::steady_clock::now();
#pragma omp parallel for num_threads(threads) schedule(dynamic, 64) reduction(+ : converged)
  for (int c = 0; c < curves; ++c) {
    double* params = &fitted[size_t(c) * p];
    const double* yc = &y[size_t(c) * n];
    ceres::Problem::Options problem_options;
    ceres::Problem problem(problem_options);
    if (spots)
      problem.AddResidualBlock(new ceres::AutoDiffCostFunction<SpotResiduals, kSpotPoints, 5>(new SpotResiduals{yc}), nullptr, params);
    else
      problem.AddResidualBlock(new ceres::AutoDiffCostFunction<DecayResiduals, kDecayPoints, 3>(new DecayResiduals{yc}), nullptr, params);
    ceres::Solver::Options options;
    options.linear_solver_type = ceres::DENSE_QR;
    options.logging_type = ceres::SILENT;
    options.num_threads = 1;
    ceres::Solver::Summary summary;
    ceres::Solve(options, &problem, &summary);
    if (summary.termination_type == ceres::CONVERGENCE) converged += 1;
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
  std::printf("ceres %s curves %d threads %d %.0f ms %.0f fits/s converged %d\n", spots ? "spots" : "decays", curves, threads, ms,
              curves / (ms / 1000), converged);
  return 0;
}
