// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// What a bracketing method closed on: a root, a pole or a jump. Each converges on any sign change, so the final bracket
/// alone cannot tell them apart (a jump is a root of infinite slope). Halving that bracket down to adjacent doubles
/// does: the smaller |f| at its ends falls with the width at a root (as the width's power α &gt; 0: linearly at a simple
/// root, as w^(1/15) for sign(x)·|x|^(1/15)), grows at a pole, and settles at the jump's size across a jump.
/// </summary>
internal static class SignChangeKind
{
    private const int MaxHalvings = 80;

    /// <summary>
    /// The result, or the same point as <see cref="RootTermination.SignChangeWithoutRoot"/>. Only a converged result that
    /// looks like more than a root is checked, so an ordinary root costs nothing more: |f| there at least a tenth of
    /// its largest value at the starting bracket's ends (<paramref name="fa"/>, <paramref name="fb"/>), or f a million
    /// times steeper across the final bracket than across the starting one [<paramref name="a"/>, <paramref name="b"/>].
    /// </summary>
    public static ScalarRootResult Check<TEval>(TEval f, ScalarRootResult result, double a, double b, double fa, double fb)
        where TEval : IScalarEvaluator
    {
        if (result.Termination != RootTermination.Converged)
            return result;
        double value = Math.Abs(result.Value), endValues = Math.Max(Math.Abs(fa), Math.Abs(fb));
        double width = result.Upper - result.Lower;
        bool large = value >= 0.1 * endValues;
        bool steep = width > 0 && value / width >= 1e6 * Math.Abs(fb - fa) / Math.Abs(b - a);
        if (!large && !steep)
            return result;

        // Halve the final bracket down to adjacent doubles, following the sign change.
        double lo = result.Lower, hi = result.Upper, flo = f.Value(lo), fhi = f.Value(hi);
        int evaluations = 2;
        double startMin = Math.Min(Math.Abs(flo), Math.Abs(fhi)), startWidth = hi - lo;
        bool conclusive = double.IsFinite(flo) && double.IsFinite(fhi) && Math.Sign(flo) * Math.Sign(fhi) < 0;
        for (int i = 0; i < MaxHalvings && conclusive; i++)
        {
            double mid = lo + 0.5 * (hi - lo);
            if (mid <= lo || mid >= hi)
                break;
            double fm = f.Value(mid);
            evaluations++;
            if (fm == 0)
                return Counted(result, evaluations);   // f vanishes in the bracket: a root
            if (double.IsInfinity(fm))
                return WithoutRoot(result, evaluations, $"f is {fm} at x = {mid.ToString("R", CultureInfo.InvariantCulture)} inside the bracket: a pole, not a root");
            if (double.IsNaN(fm))
                conclusive = false;
            else if (Math.Sign(fm) == Math.Sign(flo))
                (lo, flo) = (mid, fm);
            else
                (hi, fhi) = (mid, fm);
        }
        double endMin = Math.Min(Math.Abs(flo), Math.Abs(fhi)), endWidth = hi - lo;
        if (conclusive && endWidth < 0.25 * startWidth && startMin > 0 && endMin > 0)
        {
            double power = Math.Log(endMin / startMin) / Math.Log(endWidth / startWidth);
            if (power > 0.02)
                return Counted(result, evaluations);
            return WithoutRoot(result, evaluations, power < -0.02
                ? $"|f| grows as the bracket closes to adjacent doubles, to {Format(endMin)}: a pole, not a root"
                : $"|f| stays near {Format(endMin)} as the bracket closes to adjacent doubles: a jump, not a root");
        }
        // Nothing could be told by halving (f not finite inside, or the bracket already at adjacent doubles).
        if (!large)
            return Counted(result, evaluations);
        return WithoutRoot(result, evaluations, value > endValues
            ? "|f| there exceeds |f| at both ends of the bracket: a pole or a jump, not a root"
            : $"|f| there is over a tenth of its largest value at the bracket's ends ({Format(endValues)}) although the bracket closed: a jump, not a root");
    }

    private static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static ScalarRootResult Counted(ScalarRootResult result, int evaluations) =>
        new(result.Method, result.X, result.Value, result.Lower, result.Upper, result.Iterations, result.FunctionEvaluations + evaluations,
            result.DerivativeEvaluations, result.SecondDerivativeEvaluations, result.Termination, result.Message, result.Multiplicity);

    private static ScalarRootResult WithoutRoot(ScalarRootResult result, int evaluations, string reason)
    {
        var ci = CultureInfo.InvariantCulture;
        string message = $"f changes sign at x = {result.X.ToString("R", ci)}, where f = {Format(result.Value)}, but {reason}";
        return new(result.Method, result.X, result.Value, result.Lower, result.Upper, result.Iterations, result.FunctionEvaluations + evaluations,
                   result.DerivativeEvaluations, result.SecondDerivativeEvaluations, RootTermination.SignChangeWithoutRoot, message,
                   result.Multiplicity);
    }
}
