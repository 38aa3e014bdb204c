// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// <see cref="CurveFit.StartSolvingLinear{TModel}"/>: the shared start, with the parameters the model is affine in solved
/// for each curve by linear least squares. With the other parameters shared, the model is f₀ + Φ·c for every curve alike
/// (Φ the Jacobian columns of the affine parameters c, which do not depend on c), so Φ is factored once, by Householder
/// QR with column pivoting, and a curve costs one pass of Qᵀ over its values and a triangular solve.
/// </summary>
internal sealed class LinearStartRule<TModel> : IThreadSafeCurveStart where TModel : IModel
{
    /// <summary>A column of R below this fraction of the largest is taken as dependent on the others.</summary>
    private const double RankTolerance = 1e-10;

    private readonly double[] _shared, _lower, _upper;
    private readonly double[]? _sqrtWeights;
    private readonly int _n;
    private readonly int[] _affine = [];       // the parameters solved per curve
    private readonly double[] _offset = [];    // √w·f₀: the model with them at 0
    private readonly double[] _factor = [];    // n×l, column-major: the Householder vectors and R above the diagonal
    private readonly double[] _rdiag = [];
    private readonly int[] _pivot = [];

    public LinearStartRule(LeastSquaresProblem problem) : this(problem, null)
    {
    }

    /// <summary>
    /// The rule on <paramref name="problem"/>'s x, solving <paramref name="affine"/> (null: the parameters found affine
    /// there). With <paramref name="scratch"/> its arrays are the rule's workspace and factor, so that a rule made for
    /// one curve and used at once allocates nothing of the curve's size; the next rule on that scratch overwrites them.
    /// </summary>
    public LinearStartRule(LeastSquaresProblem problem, int[]? affine, LinearStartScratch? scratch = null)
    {
        int p = problem.ParameterCount;
        _n = problem.PointCount;
        _shared = problem.Initial;
        _sqrtWeights = problem.SqrtWeights;
        _lower = problem.Lower ?? scratch?.NoLower ?? Enumerable.Repeat(double.NegativeInfinity, p).ToArray();
        _upper = problem.Upper ?? scratch?.NoUpper ?? Enumerable.Repeat(double.PositiveInfinity, p).ToArray();
        scratch ??= new LinearStartScratch(_n, p);
        var values = scratch.Values;
        TModel.Evaluate(problem.X, _shared, values);
        if (DataSums.FirstNonFinite(values) is >= 0 and int bad)
            throw new ArgumentException(
                $"The model is {values[bad]} at point {bad} at the shared start; give a start where it is finite on every point.", "initial");
        affine ??= AffineSet(problem);
        // A column the others (or nothing) already give leaves the set and keeps its shared value, until Φ has full rank.
        while (affine.Length > 0)
        {
            int n = _n, l = affine.Length;
            var point = scratch.Point;
            _shared.CopyTo(point, 0);
            var offset = scratch.Offset;
            var design = scratch.Design;
            if (!AffineParameters.WeightedDesign<TModel>(problem, point, affine, values, scratch.Jacobian, offset, design))
                throw new ArgumentException(
                    $"The model is not finite on x at the shared start with {string.Join(", ", affine.Select(j => TModel.ParameterNames[j]))} at 0; " +
                    "give a start where it is, or starts per curve.", "initial");
            var pivot = scratch.Pivot;
            var rdiag = scratch.Rdiag;
            MinpackKernels.QrFactor(n, l, design, n, pivot, rdiag, scratch.ColumnNorms, scratch.Work);
            int rank = 0;
            while (rank < l && Math.Abs(rdiag[rank]) > RankTolerance * Math.Abs(rdiag[0]))
                rank++;
            if (rank < l)
            {
                affine = pivot.Take(rank).Select(k => affine[k]).Order().ToArray();
                continue;
            }
            (_affine, _offset, _factor, _rdiag, _pivot) = (affine, offset, design, rdiag, pivot);
            break;
        }
    }

    /// <summary>The free parameters the model is affine in on <paramref name="problem"/>'s x, at its start.</summary>
    public static int[] AffineSet(LeastSquaresProblem problem)
    {
        var open = new bool[problem.ParameterCount];
        foreach (int j in problem.FreeIndices)
            open[j] = true;
        bool[] isAffine = AffineParameters.Find<TModel>(problem, problem.Initial, open);
        return Enumerable.Range(0, open.Length).Where(j => isAffine[j]).ToArray();
    }

    /// <summary>Writes the shared start into <paramref name="start"/> with the affine parameters solved for <paramref name="y"/> and clipped to their bounds.</summary>
    public void Write(long curve, ReadOnlySpan<double> y, Span<double> start)
    {
        int n = _n, l = _affine.Length;
        if (y.Length != n)
            throw new ArgumentException($"Curve {curve} has {y.Length} points; the start was set up for {n}.", nameof(y));
        _shared.CopyTo(start);
        if (l == 0)
            return;
        // The target of Φ·c is √w·(y − f₀); the residual's offset holds √w·f₀.
        Span<double> b = n <= 1024 ? stackalloc double[n] : new double[n];
        ReadOnlySpan<double> offset = _offset;
        if (_sqrtWeights is null)
            for (int i = 0; i < n; i++)
                b[i] = y[i] - offset[i];
        else
            for (int i = 0; i < n; i++)
                b[i] = _sqrtWeights[i] * y[i] - offset[i];
        if (DataSums.FirstNonFinite(b) >= 0)
            return; // the shared start, and the batch names the value
        HouseholderQr.ApplyReflections(_factor, n, l, n, b);
        for (int j = l - 1; j >= 0; j--)
        {
            double sum = b[j];
            for (int k = j + 1; k < l; k++)
                sum -= _factor[k * n + j] * b[k];
            b[j] = sum / _rdiag[j];
        }
        for (int k = 0; k < l; k++)
        {
            int parameter = _affine[_pivot[k]];
            start[parameter] = Math.Clamp(b[k], _lower[parameter], _upper[parameter]);
        }
    }
}

/// <summary>A start rule of the library's own, which any thread may call at any time: a batch computes its starts in parallel.</summary>
internal interface IThreadSafeCurveStart;

/// <summary>The arrays a <see cref="LinearStartRule{TModel}"/> works in, for n points and p parameters, kept per thread.</summary>
internal sealed class LinearStartScratch(int n, int p)
{
    public readonly double[] Values = new double[n], Jacobian = new double[n * p], Offset = new double[n], Design = new double[n * p];
    public readonly double[] Point = new double[p], Rdiag = new double[p], ColumnNorms = new double[p], Work = new double[p];
    public readonly int[] Pivot = new int[p];
    public readonly double[] NoLower = Enumerable.Repeat(double.NegativeInfinity, p).ToArray();
    public readonly double[] NoUpper = Enumerable.Repeat(double.PositiveInfinity, p).ToArray();
}
