// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.ModelFit.Fitting;

/// <summary>The mixreg command's result, with each component's curve for plotting (one-variable models).</summary>
/// <param name="Result">The library's result.</param>
/// <param name="ComponentCurve">g(x; θₖ) at a point of one variable: (k, x) → value.</param>
public sealed record MixregOutcome(RegressionMixtureResult Result, Func<int, double, double> ComponentCurve)
{
    /// <summary>The formula compiler's warnings, printed before the report.</summary>
    public IReadOnlyList<FormulaDiagnostic> Warnings { get; init; } = [];
}

/// <summary>The mixreg command's work for one mixture type: a mixture of regressions fitted by EM.</summary>
public sealed class MixregRun(double[] x, double[] y, RegressionMixtureOptions options, Action<string> status, CancellationToken cancellationToken)
    : IMixtureVisitor<MixregOutcome>
{
    /// <summary>Fits the mixture <typeparamref name="TMixture"/> of <typeparamref name="TModel"/>.</summary>
    public MixregOutcome Visit<TMixture, TModel>() where TMixture : IRegressionMixture<TModel> where TModel : struct, IModel
    {
        var progress = new Output.ImmediateProgress<EmProgress>(p => status(
            $"start {p.Initialization + 1}, iteration {p.Iteration}, mean log-likelihood {Output.Numbers.G(p.LowerBound, 8)}"));
        RegressionMixtureResult result;
        try
        {
            result = RegressionMixture.Fit<TMixture, TModel>(x, y, options, progress, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new ModelFitException(ExitCode.FitFailed, "The mixture cannot be fitted: " + Output.Numbers.MessageOf(e));
        }
        double Curve(int k, double at)
        {
            var value = new double[1];
            TModel.Evaluate([at], result.Components[k].Parameters, value);
            return value[0];
        }
        return new MixregOutcome(result, Curve);
    }
}
