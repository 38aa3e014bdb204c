// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// The curves a worker's lanes fit, as the lane kernel reads them: y, √w and (unless shared) x interleaved by lane,
/// point i of lane l at [i·W + l].
/// </summary>
internal sealed class LaneData
{
    private readonly BatchProblem _problem;
    private readonly int _w, _n;

    public LaneData(BatchProblem problem, int lanes)
    {
        _problem = problem;
        _w = lanes;
        _n = problem.PointCount;
        Y = new double[_n * lanes];
        SqrtWeights = problem.SqrtWeights is null ? [] : new double[_n * lanes];
        X = problem.SharedX ?? new double[_n * problem.VariableCount * lanes];
    }

    public double[] X { get; }
    public double[] Y { get; }
    public double[] SqrtWeights { get; }

    /// <summary>Puts curve <paramref name="curve"/>'s points into lane <paramref name="lane"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Load(int lane, int curve)
    {
        int w = _w;
        ReadOnlySpan<double> y = _problem.YOf(curve);
        for (int i = 0; i < _n; i++)
            Y[i * w + lane] = y[i];
        if (SqrtWeights.Length > 0)
        {
            ReadOnlySpan<double> weights = _problem.SqrtWeightsOf(curve);
            for (int i = 0; i < _n; i++)
                SqrtWeights[i * w + lane] = weights[i];
        }
        if (_problem.SharedX is null)
        {
            ReadOnlySpan<double> x = _problem.XOf(curve);
            for (int i = 0; i < x.Length; i++)
                X[i * w + lane] = x[i];
        }
    }
}
