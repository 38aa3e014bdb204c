// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>A regression mixture's current parameters, as both families hold them: πₖ (with ln πₖ), θₖ and the scales.</summary>
internal sealed class RegressionMixtureState(int components, int parameters)
{
    private readonly int _p = parameters;

    public double[] Weights { get; } = new double[components];
    public double[] LogWeights { get; } = new double[components];
    public double[] Theta { get; } = new double[components * parameters];
    public double[] Scales { get; } = new double[components];

    public void SetWeight(int k, double weight)
    {
        Weights[k] = weight;
        LogWeights[k] = Math.Log(weight);
    }

    /// <summary>The options' explicit start (InitialWeights, InitialParameters, InitialScales); false when there is none.</summary>
    public bool TrySetExplicitStart(RegressionMixtureOptions options)
    {
        if (options.InitialWeights is not { } w0)
            return false;
        for (int k = 0; k < Weights.Length; k++)
        {
            SetWeight(k, w0[k]);
            Scales[k] = options.InitialScales![k];
            for (int j = 0; j < _p; j++)
                Theta[k * _p + j] = options.InitialParameters![k, j];
        }
        return true;
    }

    /// <summary>
    /// What a component the random start leaves without points keeps: θ from StartingParameters and the spread of y as
    /// its scale, so its density stays finite (its weight is 0 and it is reported empty).
    /// </summary>
    public void SetFallback(RegressionMixtureOptions options, double spread)
    {
        for (int k = 0; k < Weights.Length; k++)
        {
            for (int j = 0; j < _p; j++)
                Theta[k * _p + j] = options.StartingParameters?[j] ?? 0;
            Scales[k] = spread;
        }
    }

    public RegressionMixtureParameters Capture() => new((double[])Weights.Clone(), (double[])Theta.Clone(), (double[])Scales.Clone());

    public void Restore(RegressionMixtureParameters parameters)
    {
        for (int k = 0; k < Weights.Length; k++)
            SetWeight(k, parameters.Weights[k]);
        parameters.Parameters.CopyTo(Theta, 0);
        parameters.Scales.CopyTo(Scales, 0);
    }
}
