// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.ModelFit.Fitting;

/// <summary>One candidate number of components of a mixture command: its fit and scores.</summary>
/// <param name="Components">K.</param>
/// <param name="Model">The fitted mixture.</param>
/// <param name="LogLikelihood">Σᵢ ln p(xᵢ).</param>
/// <param name="Bic">−2 ln L + (free parameters)·ln n, scikit-learn's <c>bic</c>.</param>
/// <param name="Aic">−2 ln L + 2·(free parameters).</param>
public sealed record MixtureCandidate(int Components, GaussianMixture Model, double LogLikelihood, double Bic, double Aic);

/// <summary>The mixture command's result: every K tried, and the one chosen (the lowest BIC; the only one without --bic).</summary>
public sealed record MixtureOutcome(IReadOnlyList<MixtureCandidate> Candidates, MixtureCandidate Chosen, double[,] Data, IReadOnlyList<string> Columns);

/// <summary>Fits Gaussian mixtures of each asked number of components by EM and keeps the one with the lowest BIC.</summary>
public static class MixtureRun
{
    /// <summary>
    /// Fits <paramref name="data"/> (n×d, one row per point) with each K in <paramref name="components"/>; ties of BIC go to
    /// the smaller K.
    /// </summary>
    public static MixtureOutcome Fit(double[,] data, IReadOnlyList<string> columns, IReadOnlyList<int> components, GaussianMixtureOptions options,
                                     Action<string> status, CancellationToken cancellationToken)
    {
        int n = data.GetLength(0);
        if (components.Max() > n)
            throw new ModelFitException(ExitCode.Usage, $"{components.Max()} components need at least as many points; the data have {n}.");
        var candidates = new List<MixtureCandidate>();
        foreach (int k in components)
        {
            var progress = new Output.ImmediateProgress<EmProgress>(p => status(
                $"{k} components: start {p.Initialization + 1}, iteration {p.Iteration}, mean log-likelihood {Output.Numbers.G(p.LowerBound, 8)}"));
            GaussianMixture model;
            try
            {
                model = new GaussianMixture(k, options).Fit(data, progress, cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw new ModelFitException(ExitCode.FitFailed, $"The mixture of {k} components cannot be fitted: {Output.Numbers.MessageOf(e)}");
            }
            double logLikelihood = model.Score(data) * n;
            candidates.Add(new MixtureCandidate(k, model, logLikelihood, model.Bic(data), model.Aic(data)));
        }
        MixtureCandidate chosen = candidates.OrderBy(c => c.Bic).ThenBy(c => c.Components).First();
        return new MixtureOutcome(candidates, chosen, data, columns);
    }
}
