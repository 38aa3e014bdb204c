// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Mixtures.Regression;

/// <summary>The result of <c>RegressionMixture.Fit</c>.</summary>
public sealed class RegressionMixtureResult
{
    private readonly double[,] _responsibilities;
    private readonly double[] _trace;
    private readonly RegressionMixtureEvaluator _evaluator;

    internal RegressionMixtureResult(string formula, IReadOnlyList<string> parameterNames, Noise noise,
                                     IReadOnlyList<RegressionComponent> components, double[,] responsibilities,
                                     double logLikelihood, double[] trace, int pointCount, EmResult em,
                                     EmTermination termination, string message, RegressionMixtureEvaluator evaluator)
    {
        _evaluator = evaluator;
        Message = message;
        Formula = formula;
        ParameterNames = parameterNames;
        Noise = noise;
        Components = components;
        _responsibilities = responsibilities;
        LogLikelihood = logLikelihood;
        _trace = trace;
        PointCount = pointCount;
        Termination = termination;
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
    /// The log-likelihood (a sum over the points, as every trace of the library) at the parameters before each
    /// iteration's M-step: entry t is at θ_t, θ₀ the start; with <see cref="LogLikelihood"/> appended it is mixtools'
    /// <c>all.loglik</c>.
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

    /// <summary>
    /// Why EM stopped. <see cref="EmTermination.DegenerateComponent"/> when a component ended empty or with its scale
    /// at the floor, whatever the stopping rule said: such a fit is not a maximum of the likelihood.
    /// </summary>
    public EmTermination Termination { get; }

    /// <summary>
    /// A sentence on why EM stopped, naming the degenerate components when there are any, and the components whose points
    /// do not determine their parameters.
    /// </summary>
    public string Message { get; }

    /// <summary>True when the stopping rule was met by a fit without degenerate components.</summary>
    public bool Converged => Termination == EmTermination.Converged;

    /// <summary>EM iterations of the kept start.</summary>
    public int Iterations { get; }

    /// <summary>Index of the kept start.</summary>
    public int BestInitialization { get; }

    /// <summary>M-steps of the kept start that found an empty component or floored a scale.</summary>
    public int RepairedSteps { get; }

    /// <summary>Number of components that ended empty.</summary>
    public int EmptyComponents => Components.Count(c => c.IsEmpty);

    /// <summary>p(k | xᵢ, yᵢ) of new points at the fitted parameters (n×K; scikit-learn's <c>predict_proba</c>).</summary>
    /// <exception cref="ArgumentException">x and y do not match or hold a non-finite value (the row is named).</exception>
    public double[,] PredictProba(double[] x, double[] y) => _evaluator.PredictProba(x, y);

    /// <summary>The most probable component of each new point at the fitted parameters (scikit-learn's <c>predict</c>).</summary>
    public int[] Predict(double[] x, double[] y) => _evaluator.Predict(x, y);

    /// <summary>ln p(yᵢ | xᵢ) of each new point at the fitted parameters (scikit-learn's <c>score_samples</c>).</summary>
    public double[] ScoreSamples(double[] x, double[] y) => _evaluator.ScoreSamples(x, y);

    /// <summary>The mean log-likelihood per point of new data at the fitted parameters (scikit-learn's <c>score</c>).</summary>
    public double Score(double[] x, double[] y) => _evaluator.Score(x, y);

    /// <summary>A table: one row per component with weight, scale and every parameter ± standard error.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"Mixture of {Components.Count} regressions y = {Formula} + ε, ε ~ {Noise}; n = {PointCount}\n");
        text.Append(c, $"log L = {LogLikelihood:G10}, AIC = {Aic:G10}, BIC = {Bic:G10}; {Termination} after {Iterations} iterations\n");
        if (Termination != EmTermination.Converged || Components.Any(component => component.CovarianceProblem is not null))
            text.Append(Message).Append('\n');
        for (int k = 0; k < Components.Count; k++)
        {
            var component = Components[k];
            text.Append(c, $"component {k}: weight {component.Weight:F5}, {(Noise == Noise.Gaussian ? "σ" : "b")} = {component.Scale:G6}{component.StateNote}\n");
            var se = component.StandardErrors;
            for (int j = 0; j < ParameterNames.Count; j++)
                text.Append(c, $"    {ParameterNames[j],-10} {component[j],14:G8} ± {se[j]:G3}\n");
        }
        return text.ToString();
    }
}
