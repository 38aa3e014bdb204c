// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Mixtures.Regression;

/// <summary>The result of <see cref="RegressionMixture.Fit{TMixture, TModel}"/>.</summary>
public sealed class RegressionMixtureResult
{
    private readonly double[,] _responsibilities;
    private readonly double[] _trace;

    internal RegressionMixtureResult(string formula, IReadOnlyList<string> parameterNames, Noise noise,
                                     IReadOnlyList<RegressionComponent> components, double[,] responsibilities,
                                     double logLikelihood, double[] trace, int pointCount, EmResult em)
    {
        Formula = formula;
        ParameterNames = parameterNames;
        Noise = noise;
        Components = components;
        _responsibilities = responsibilities;
        LogLikelihood = logLikelihood;
        _trace = trace;
        PointCount = pointCount;
        Termination = em.Termination;
        Iterations = em.Iterations;
        BestInitialization = em.BestInitialization;
        RepairedSteps = em.RepairedSteps;
        int k = components.Count;
        ParameterCount = k * parameterNames.Count + k + (k - 1);
        Aic = -2 * logLikelihood + 2 * ParameterCount;
        Bic = -2 * logLikelihood + ParameterCount * Math.Log(pointCount);
    }

    /// <summary>The model formula g(x; θ).</summary>
    public string Formula { get; }

    /// <summary>Names of θ's entries.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The noise distribution.</summary>
    public Noise Noise { get; }

    /// <summary>The K components, in the order of the start (no relabelling).</summary>
    public IReadOnlyList<RegressionComponent> Components { get; }

    /// <summary>p(k | xᵢ, yᵢ) at the returned parameters, n×K (each row sums to 1).</summary>
    public double[,] Responsibilities => (double[,])_responsibilities.Clone();

    /// <summary>The index of the most probable component of every point.</summary>
    public int[] Labels()
    {
        int n = _responsibilities.GetLength(0), k = _responsibilities.GetLength(1);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
            for (int j = 1; j < k; j++)
                if (_responsibilities[i, j] > _responsibilities[i, labels[i]])
                    labels[i] = j;
        return labels;
    }

    /// <summary>Σᵢ ln Σₖ πₖ p(yᵢ | xᵢ, θₖ) at the returned parameters (a sum, as R's logLik).</summary>
    public double LogLikelihood { get; }

    /// <summary>
    /// The log-likelihood (a sum) at the parameters before each iteration's M-step: entry t is at θ_t, θ₀ the
    /// start; with <see cref="LogLikelihood"/> appended it is mixtools' <c>all.loglik</c>.
    /// </summary>
    public double[] LogLikelihoodTrace => (double[])_trace.Clone();

    /// <summary>Free parameters: K·P coefficients, K scales and K − 1 weights.</summary>
    public int ParameterCount { get; }

    /// <summary>Number of points n.</summary>
    public int PointCount { get; }

    /// <summary>−2·ln L + 2·<see cref="ParameterCount"/>.</summary>
    public double Aic { get; }

    /// <summary>−2·ln L + <see cref="ParameterCount"/>·ln n.</summary>
    public double Bic { get; }

    /// <summary>Why EM stopped.</summary>
    public EmTermination Termination { get; }

    /// <summary>True when the log-likelihood change fell below the tolerance.</summary>
    public bool Converged => Termination == EmTermination.Converged;

    /// <summary>EM iterations of the kept start.</summary>
    public int Iterations { get; }

    /// <summary>Index of the kept start.</summary>
    public int BestInitialization { get; }

    /// <summary>M-steps of the kept start that found an empty component or floored a scale.</summary>
    public int RepairedSteps { get; }

    /// <summary>Number of components that ended empty.</summary>
    public int EmptyComponents => Components.Count(c => c.IsEmpty);

    /// <summary>A table: one row per component with weight, scale and every parameter ± standard error.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"Mixture of {Components.Count} regressions y = {Formula} + ε, ε ~ {Noise}; n = {PointCount}\n");
        text.Append(c, $"log L = {LogLikelihood:G10}, AIC = {Aic:G10}, BIC = {Bic:G10}; {Termination} after {Iterations} iterations\n");
        for (int k = 0; k < Components.Count; k++)
        {
            var component = Components[k];
            text.Append(c, $"component {k}: weight {component.Weight:F5}, {(Noise == Noise.Gaussian ? "σ" : "b")} = {component.Scale:G6}{(component.IsEmpty ? " (empty)" : "")}\n");
            var se = component.StandardErrors;
            for (int j = 0; j < ParameterNames.Count; j++)
                text.Append(c, $"    {ParameterNames[j],-10} {component[j],14:G8} ± {se[j]:G3}\n");
        }
        return text.ToString();
    }
}
