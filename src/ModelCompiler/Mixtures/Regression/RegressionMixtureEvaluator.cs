// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// The E-step of a mixture of regressions at fixed parameters, on any (x, y): what a fitted result and the static
/// prediction methods share. The result is not generic, so it holds this base and the JIT-specialized subclass
/// does the work in one call (never a delegate per point).
/// </summary>
internal abstract class RegressionMixtureEvaluator
{
    /// <summary>
    /// Checks (x, y) and runs one E-step: returns ℓ = mean ln p(yᵢ | xᵢ) and, when the spans are not empty, writes
    /// ln p(yᵢ | xᵢ) (n) and the responsibilities (component-major, <c>[k·n + i]</c>).
    /// </summary>
    public abstract double EStep(double[] x, double[] y, Span<double> logLikelihood, Span<double> responsibilities);

    public abstract int ComponentCount { get; }

    public double[,] PredictProba(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        int n = y.Length, k = ComponentCount;
        var resp = new double[n * k];
        EStep(x, y, [], resp);
        var table = new double[n, k];
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++)
                table[i, c] = resp[c * n + i];
        return table;
    }

    public int[] Predict(double[] x, double[] y)
    {
        double[,] proba = PredictProba(x, y);
        int n = proba.GetLength(0), k = proba.GetLength(1);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
            for (int c = 1; c < k; c++)
                if (proba[i, c] > proba[i, labels[i]])
                    labels[i] = c;
        return labels;
    }

    public double[] ScoreSamples(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var values = new double[y.Length];
        EStep(x, y, values, []);
        return values;
    }

    public double Score(double[] x, double[] y) => EStep(x, y, [], []);
}

internal sealed class RegressionMixtureEvaluator<TMixture, TModel>(RegressionMixtureParameters parameters) : RegressionMixtureEvaluator
    where TMixture : IRegressionMixture<TModel>
    where TModel : IModel
{
    public override int ComponentCount => TMixture.Components;

    public override double EStep(double[] x, double[] y, Span<double> logLikelihood, Span<double> responsibilities)
    {
        RegressionMixture.CheckData<TModel>(x, y);
        // The family only reads x and y here; the M-step settings are never used.
        var family = new RegressionMixtureFamily<TMixture, TModel>(x, y, RegressionMixtureOptions.Default);
        family.RestoreParameters(parameters);
        return EmEngine.EStep<RegressionMixtureFamily<TMixture, TModel>, RegressionMixtureParameters>(
            family, logLikelihood, responsibilities, EmExecution.Create(null, CancellationToken.None));
    }
}
