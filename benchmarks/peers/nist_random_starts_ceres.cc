// SPDX-License-Identifier: MIT
// Ceres Solver on the NIST StRD problems from given starts, for benchmarks/peers/nist_random_starts.py, which builds
// it (g++ -O2 … -lceres) and feeds it on standard input:
//
//   problem NAME n v p        then n lines "y x1 [x2]" (y is the fitted response: log(y) for Nelson)
//   starts k                  then k lines of p parameters
//
// and reads one line per start: "NAME start termination iterations seconds b1 … bp".
// Automatic derivatives; the settings of Ceres' own NIST evaluation: Levenberg–Marquardt with DENSE_QR, initial
// trust region radius 1e4, at most 10000 iterations, function, gradient and parameter tolerances at machine epsilon.
#include <ceres/ceres.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

namespace {

using std::cos;
using std::exp;
using std::pow;
using std::sin;

// Each model: f(b, x) for one point, x[0] (and x[1] for Nelson) the variables.
struct Bennett5 { static constexpr int P = 3; template <typename T> static T f(const T* b, const double* x) { return b[0] * pow(b[1] + x[0], -1.0 / b[2]); } };
struct BoxBOD { static constexpr int P = 2; template <typename T> static T f(const T* b, const double* x) { return b[0] * (1.0 - exp(-b[1] * x[0])); } };
struct Chwirut2 { static constexpr int P = 3; template <typename T> static T f(const T* b, const double* x) { return exp(-b[0] * x[0]) / (b[1] + b[2] * x[0]); } };
struct DanWood { static constexpr int P = 2; template <typename T> static T f(const T* b, const double* x) { return b[0] * pow(x[0], b[1]); } };
struct ENSO {
    static constexpr int P = 9;
    template <typename T> static T f(const T* b, const double* x) {
        const double w = 2.0 * M_PI * x[0];
        return b[0] + b[1] * cos(w / 12.0) + b[2] * sin(w / 12.0) + b[4] * cos(w / b[3]) + b[5] * sin(w / b[3])
               + b[7] * cos(w / b[6]) + b[8] * sin(w / b[6]);
    }
};
struct Gauss1 {
    static constexpr int P = 8;
    template <typename T> static T f(const T* b, const double* x) {
        const T d1 = x[0] - b[3], d2 = x[0] - b[6];
        return b[0] * exp(-b[1] * x[0]) + b[2] * exp(-d1 * d1 / (b[4] * b[4])) + b[5] * exp(-d2 * d2 / (b[7] * b[7]));
    }
};
struct Hahn1 {
    static constexpr int P = 7;
    template <typename T> static T f(const T* b, const double* x) {
        const double t = x[0];
        return (b[0] + b[1] * t + b[2] * t * t + b[3] * t * t * t) / (1.0 + b[4] * t + b[5] * t * t + b[6] * t * t * t);
    }
};
using Thurber = Hahn1;
struct Kirby2 {
    static constexpr int P = 5;
    template <typename T> static T f(const T* b, const double* x) {
        const double t = x[0];
        return (b[0] + b[1] * t + b[2] * t * t) / (1.0 + b[3] * t + b[4] * t * t);
    }
};
struct Lanczos {
    static constexpr int P = 6;
    template <typename T> static T f(const T* b, const double* x) {
        return b[0] * exp(-b[1] * x[0]) + b[2] * exp(-b[3] * x[0]) + b[4] * exp(-b[5] * x[0]);
    }
};
struct MGH09 {
    static constexpr int P = 4;
    template <typename T> static T f(const T* b, const double* x) {
        const double t = x[0];
        return b[0] * (t * t + t * b[1]) / (t * t + t * b[2] + b[3]);
    }
};
struct MGH10 { static constexpr int P = 3; template <typename T> static T f(const T* b, const double* x) { return b[0] * exp(b[1] / (x[0] + b[2])); } };
struct MGH17 {
    static constexpr int P = 5;
    template <typename T> static T f(const T* b, const double* x) { return b[0] + b[1] * exp(-x[0] * b[3]) + b[2] * exp(-x[0] * b[4]); }
};
using Misra1a = BoxBOD;
struct Misra1c { static constexpr int P = 2; template <typename T> static T f(const T* b, const double* x) { return b[0] * (1.0 - pow(1.0 + 2.0 * b[1] * x[0], -0.5)); } };
struct Nelson { static constexpr int P = 3; template <typename T> static T f(const T* b, const double* x) { return b[0] - b[1] * x[0] * exp(-b[2] * x[1]); } };

template <typename M>
struct Residuals {
    const std::vector<double>& y;
    const std::vector<double>& x;  // row-major n×v
    int v;
    template <typename T>
    bool operator()(const T* b, T* r) const {
        for (size_t i = 0; i < y.size(); ++i)
            r[i] = M::f(b, &x[i * v]) - y[i];
        return true;
    }
};

template <typename M>
void Fit(const std::string& name, const std::vector<double>& y, const std::vector<double>& x, int v,
         const std::vector<std::vector<double>>& starts) {
    for (size_t s = 0; s < starts.size(); ++s) {
        std::vector<double> b = starts[s];
        ceres::Problem problem;
        auto* cost = new ceres::AutoDiffCostFunction<Residuals<M>, ceres::DYNAMIC, M::P>(
            new Residuals<M>{y, x, v}, static_cast<int>(y.size()));
        problem.AddResidualBlock(cost, nullptr, b.data());
        ceres::Solver::Options options;
        options.trust_region_strategy_type = ceres::LEVENBERG_MARQUARDT;
        options.linear_solver_type = ceres::DENSE_QR;
        options.initial_trust_region_radius = 1e4;
        options.max_num_iterations = 10000;
        options.function_tolerance = std::numeric_limits<double>::epsilon();
        options.gradient_tolerance = std::numeric_limits<double>::epsilon();
        options.parameter_tolerance = std::numeric_limits<double>::epsilon();
        options.logging_type = ceres::SILENT;
        options.num_threads = 1;
        ceres::Solver::Summary summary;
        auto t0 = std::chrono::steady_clock::now();
        ceres::Solve(options, &problem, &summary);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("%s %zu %s %d %.9g", name.c_str(), s, ceres::TerminationTypeToString(summary.termination_type),
                    static_cast<int>(summary.iterations.size()), seconds);
        for (double value : b)
            std::printf(" %.17g", value);
        std::printf("\n");
    }
}

}  // namespace

int main() {
    std::string word;
    while (std::cin >> word) {
        if (word != "problem") {
            std::cerr << "expected 'problem', got '" << word << "'\n";
            return 1;
        }
        std::string name;
        int n, v, p, k;
        std::cin >> name >> n >> v >> p;
        std::vector<double> y(n), x(static_cast<size_t>(n) * v);
        for (int i = 0; i < n; ++i) {
            std::cin >> y[i];
            for (int j = 0; j < v; ++j)
                std::cin >> x[static_cast<size_t>(i) * v + j];
        }
        std::cin >> word >> k;
        std::vector<std::vector<double>> starts(k, std::vector<double>(p));
        for (auto& start : starts)
            for (double& value : start)
                std::cin >> value;
        if (!std::cin) {
            std::cerr << name << ": malformed input\n";
            return 1;
        }
        if (name == "Bennett5") Fit<Bennett5>(name, y, x, v, starts);
        else if (name == "BoxBOD") Fit<BoxBOD>(name, y, x, v, starts);
        else if (name == "Chwirut2") Fit<Chwirut2>(name, y, x, v, starts);
        else if (name == "DanWood") Fit<DanWood>(name, y, x, v, starts);
        else if (name == "ENSO") Fit<ENSO>(name, y, x, v, starts);
        else if (name == "Gauss1") Fit<Gauss1>(name, y, x, v, starts);
        else if (name == "Hahn1") Fit<Hahn1>(name, y, x, v, starts);
        else if (name == "Kirby2") Fit<Kirby2>(name, y, x, v, starts);
        else if (name == "Lanczos1" || name == "Lanczos3") Fit<Lanczos>(name, y, x, v, starts);
        else if (name == "MGH09") Fit<MGH09>(name, y, x, v, starts);
        else if (name == "MGH10") Fit<MGH10>(name, y, x, v, starts);
        else if (name == "MGH17") Fit<MGH17>(name, y, x, v, starts);
        else if (name == "Misra1a") Fit<Misra1a>(name, y, x, v, starts);
        else if (name == "Misra1c") Fit<Misra1c>(name, y, x, v, starts);
        else if (name == "Nelson") Fit<Nelson>(name, y, x, v, starts);
        else if (name == "Thurber") Fit<Thurber>(name, y, x, v, starts);
        else {
            std::cerr << "unknown problem " << name << "\n";
            return 1;
        }
        std::fflush(stdout);
    }
    return 0;
}
