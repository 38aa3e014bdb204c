// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;
using ModelCompiler.Tests.Optimization.Reference;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// Every method over the shared reference set (Moré–Garbow–Hillstrom problems, Rosenbrock 2/100, the bound-constrained
/// HS problems) declared as [Objective]s, with their generated gradients, Hessians and Hessian–vector products, against the success test |f − f*| ≤ 1e-8·max(1, |f*|). Peer numbers: the
/// reference set's results.csv (SciPy 1.10.1, "tight" settings, analytic derivatives, every call counted).
/// </summary>
public class ReferenceSuiteTests
{
    // Reached by no peer but NLopt's L-BFGS (by luck): every other method, scipy's included, stops at the local minimum
    // f = 48.98 of Freudenstein–Roth and f = 4.94 of hs002 (Rosenbrock with x₂ ≥ 1.5 from (−2, 1.5)).
    private static readonly string[] LocalMinimaTraps = ["mgh02-freudenstein-roth", "hs002"];

    private static IEnumerable<SuiteCase> Unconstrained => ReferenceSet.Unconstrained;

    private static IEnumerable<SuiteCase> All => ReferenceSet.Unconstrained.Concat(ReferenceSet.Bounded);

    private static IEnumerable<SuiteCase> Small => All.Where(c => c.Dimension <= 5);

    [Fact]
    public void Bfgs_reaches_every_minimum_with_fewer_evaluations_than_scipy()
    {
        var run = SuiteRun.Of(Unconstrained, BfgsOptions.Default);
        Assert.Equal(["mgh02-freudenstein-roth"], run.Missed);
        // scipy BFGS, gtol 1e-10, analytic gradient: 26 of 27 reached with 3,378 f + 3,361 gradient calls = 6,739.
        Assert.True(run.Values + run.Gradients < 6739, $"{run.Values} f + {run.Gradients} gradients");
    }

    [Fact]
    public void Lbfgs_and_conjugate_gradients_reach_every_minimum()
    {
        Assert.Equal(["mgh02-freudenstein-roth"], SuiteRun.Of(Unconstrained, LbfgsOptions.Default).Missed);
        // With the iteration limit of scipy's tight runs, max(5000, 100n) (ours is 200n: Osborne 1 needs ~1,100).
        var cg = SuiteRun.Of(Unconstrained, ConjugateGradientOptions.Default with { MaxIterations = 5000 });
        Assert.Equal(["mgh02-freudenstein-roth"], cg.Missed);
        // scipy CG, gtol 1e-10: 25 of 27 reached with 12,486 f + 12,390 gradient calls.
        Assert.True(cg.Values + cg.Gradients < 12486 + 12390, $"{cg.Values} f + {cg.Gradients} gradients");
    }

    [Fact]
    public void Lbfgsb_reaches_the_bounded_and_unbounded_minima_scipy_reaches()
    {
        var run = SuiteRun.Of(All, LbfgsbOptions.Default);
        // mgh03 (Powell's badly scaled function) stops at rounding level at f = 5e-7, as scipy's L-BFGS-B does.
        Assert.Equal(["mgh02-freudenstein-roth", "mgh03-powell-badly-scaled", "hs002"], run.Missed);
    }

    [Fact]
    public void Trust_exact_reaches_more_minima_than_scipy_with_fewer_evaluations()
    {
        var run = SuiteRun.Of(Unconstrained, TrustExactOptions.Default);
        // The chained Rosenbrock function in 100 unknowns has a local minimum f = 3.98662 that the first boundary step
        // of trust-exact reaches, as scipy's does.
        Assert.Equal(["mgh02-freudenstein-roth", "rosen-chained-n100"], run.Missed);
        // scipy trust-exact, gtol 1e-10: 24 of 27 reached (it never returns on the rank-1 linear problem) with
        // 731 f + 653 gradient + 731 Hessian calls = 2,115.
        Assert.True(run.Values + run.Gradients + run.Hessians < 2115, $"{run.Values} f + {run.Gradients} g + {run.Hessians} H");
    }

    [Fact]
    public void Newton_cg_reaches_every_minimum()
    {
        var run = SuiteRun.Of(Unconstrained, NewtonCgOptions.Default);
        Assert.Equal(["mgh02-freudenstein-roth"], run.Missed);
        // scipy trust-ncg, gtol 1e-10: 26 of 27 reached with 1,262 f and 1,112 gradient calls (and 1,112 Hessians).
        Assert.True(run.Values < 1262, $"{run.Values} f");
    }

    [Fact]
    public void Derivative_free_methods_reach_the_small_problems()
    {
        // Problems with at most 5 unknowns. Nelder–Mead stalls on Box's 3-D function (a flat valley) and Powell runs
        // out of evaluations on it and on the badly scaled problem; scipy's tight runs miss the same.
        var nm = SuiteRun.Of(Small, NelderMeadOptions.Default with { MaxFunctionEvaluations = 20000 });
        Assert.Equal(["mgh02-freudenstein-roth", "mgh12-box3d", "hs002"], nm.Missed);
        var powell = SuiteRun.Of(Small, PowellOptions.Default);
        Assert.Equal(["mgh02-freudenstein-roth", "mgh03-powell-badly-scaled", "mgh12-box3d", "hs002"], powell.Missed);
    }
}
