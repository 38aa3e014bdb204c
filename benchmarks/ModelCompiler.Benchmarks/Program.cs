// SPDX-License-Identifier: MIT
using BenchmarkDotNet.Running;
using ModelCompiler.Benchmarks;

// `-- nist` prints the NIST StRD report, `-- twogauss [points]` a quick timing of the two-Gaussian fit,
// `-- gmm [points] [iterations]` a quick timing of the Gaussian-mixture EM, `-- mixreg [points] [iterations]` of the
// regression-mixture EM, `-- bgm [points] [iterations]` of the BayesianGaussianMixture and `-- cavi [points] [iterations]`
// of Blei et al.'s CAVI; `-- systems` the equation solvers on the thirteen MINPACK test systems; `-- ode [problem…]
// [--rtol 1e-6,1e-10]` the ODE work–precision table; `-- starts [--seed S] [--count N] [--out DIR] …` the NIST StRD
// problems from random starts; `-- batch spots|decays [curves] [sample]` the batch fit of many small curves against a
// loop of single fits; `-- shared-starts [curves]` a batch from one shared start against CurveFit.StartSolvingLinear; `-- optimize [--no-peer] [--only rosen|reference]` the minimizers against scipy (Rosenbrock
// up to n = 10,000 and the reference set), running benchmarks/peers/optimize_scipy.py; `-- formulas` the run-time
// compiler's latency and its kernel against the generated twin, `-- formulas memory [count]` memory over distinct compiles;
// `-- cluster [curves] [silos] [partition]` a batch fit on an in-process Orleans cluster against the local one;
// `-- cluster-em [points] [partitions] [iterations]` distributed EM on 1, 2 and 4 in-process silos against the engine;
// anything else goes to BenchmarkDotNet (e.g. `--filter *TwoGaussians*`).
if (args.Length > 0 && args[0] == "nist")
    return NistReport.Run(args[1..]);
if (args.Length > 0 && args[0] == "twogauss")
    return TwoGaussiansQuickRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "gmm")
    return GaussianMixtureQuickRun.Run(args[1..]);
if (args.Length > 0 && args[0] is "bgm" or "cavi")
    return VariationalQuickRun.Run(args[0], args[1..]);
if (args.Length > 0 && args[0] == "systems")
    return SystemsReport.Run();
if (args.Length > 0 && args[0] == "starts")
    return RandomStartsReport.Run(args[1..]);
if (args.Length > 0 && args[0] == "batch")
    return BatchQuickRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "shared-starts")
    return SharedStartsReport.Run(args[1..]);
if (args.Length > 0 && args[0] == "mixreg")
    return RegressionMixtureQuickRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "optimize")
    return OptimizeReport.Run(args[1..]);
if (args.Length > 0 && args[0] == "ode")
    return OdeWorkPrecision.Run(args[1..]);
if (args.Length > 0 && args[0] == "cluster")
    return await ClusterQuickRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "cluster-em")
    return await ClusterEmOverhead.Run(args[1..]);
if (args.Length > 0 && args[0] == "formulas")
    return FormulasReport.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(NistReport).Assembly).Run(args);
return 0;
