// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// A validated least-squares problem in the solver's terms: the data (copied), √wᵢ per point,
/// the full parameter vector with its free indices, and bounds over the free parameters.
/// </summary>
internal sealed record LeastSquaresProblem
{
    public required double[] X { get; init; }
    public required double[] Y { get; init; }
    /// <summary>√wᵢ per point, or null for unit weights.</summary>
    public double[]? SqrtWeights { get; init; }
    /// <summary>Initial values of all parameters (fixed ones keep theirs).</summary>
    public required double[] Initial { get; init; }
    /// <summary>Indices into the full parameter vector of the fitted parameters.</summary>
    public required int[] FreeIndices { get; init; }
    /// <summary>Bounds of the free parameters, or null when unbounded.</summary>
    public double[]? Lower { get; init; }
    public double[]? Upper { get; init; }
    public required bool[] IsFixed { get; init; }

    /// <summary>‖√w·y‖, the scale of the rounding error in the residuals.</summary>
    public double WeightedResponseNorm { get; init; }

    /// <summary>
    /// The relative error of the model's values beyond rounding: an ODE's integration tolerance, 0 for closed forms.
    /// Residuals below it carry no direction (<see cref="Stationarity"/>).
    /// </summary>
    public double ModelNoise { get; init; }

    /// <summary>The same problem from another start (all parameters; fixed ones at their values).</summary>
    public LeastSquaresProblem WithInitial(double[] initial) => this with { Initial = initial };

    /// <summary>At most <paramref name="limit"/> points, evenly spaced through the data (this problem when it has no more).</summary>
    public LeastSquaresProblem EvenlySpaced(int limit, int variables)
    {
        int n = PointCount;
        if (n <= limit)
            return this;
        var x = new double[limit * variables];
        var y = new double[limit];
        double[]? sw = SqrtWeights is null ? null : new double[limit];
        for (int k = 0; k < limit; k++)
        {
            int i = (int)((long)k * n / limit);
            y[k] = Y[i];
            if (sw is not null)
                sw[k] = SqrtWeights![i];
            for (int c = 0; c < variables; c++)
                x[c * limit + k] = X[c * n + i];
        }
        return this with { X = x, Y = y, SqrtWeights = sw };
    }

    public int PointCount => Y.Length;
    public int ParameterCount => Initial.Length;
    public int FreeCount => FreeIndices.Length;
    public bool HasBounds => Lower is not null;
}
