// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// The float64 exp that numpy 1.24 runs on an AVX-512 (Skylake-X or later) machine: Intel SVML's
/// __svml_exp8, which numpy links for that target, emulated one lane at a time. With N the nearest
/// multiple of 1/16 below x/ln2 (a fused multiply-add rounded toward zero against a shifter),
/// r = x − N·ln2 in two fused steps, exp(x) = 2^⌊N⌋·T·(1 + p(r)) with T = 2^(frac N) from a
/// 16-entry table and p a degree-6 polynomial evaluated by Estrin-like fused multiply-adds.
/// It differs from the C library's exp in the last bit for about a quarter of arguments, which is
/// enough to move an early-stopped forward-difference fit in the sixth digit: scipy results taken
/// on such a machine are reproduced only with this exp in the model. The constants are SVML's, read
/// from numpy's binary; |x| ≥ 708.4 (SVML's scalar fallback path) is left to <see cref="Math.Exp"/>.
/// </summary>
internal static class NumpyExp
{
    private static readonly double InvLn2 = FromBits(0x3FF71547652B82FE);
    private static readonly double Shifter = FromBits(0x42F8000000003FF0); // 1.5·2⁴⁸: ulp 1/16
    private static readonly double Ln2High = FromBits(0x3FE62E42FEFA39EF);
    private static readonly double Ln2Low = FromBits(0x3C7ABC9E3B39803F);
    private static readonly double C2 = FromBits(0x3FE0000000002622);
    private static readonly double C3 = FromBits(0x3FC5555554B508A2);
    private static readonly double C4 = FromBits(0x3FA555564BB4F5F0);
    private static readonly double C5 = FromBits(0x3F81106603D97C00);
    private static readonly double C6 = FromBits(0x3F572EB5EF0D213D);
    private static readonly double FallbackAbove = FromBits(0x40861DA04CBAFE44);

    // 2^(j/16), j = 0..15.
    private static readonly double[] Table =
    [
        FromBits(0x3FF0000000000000), FromBits(0x3FF0B5586CF9890F), FromBits(0x3FF172B83C7D517B), FromBits(0x3FF2387A6E756238),
        FromBits(0x3FF306FE0A31B715), FromBits(0x3FF3DEA64C123422), FromBits(0x3FF4BFDAD5362A27), FromBits(0x3FF5AB07DD485429),
        FromBits(0x3FF6A09E667F3BCD), FromBits(0x3FF7A11473EB0187), FromBits(0x3FF8ACE5422AA0DB), FromBits(0x3FF9C49182A3F090),
        FromBits(0x3FFAE89F995AD3AD), FromBits(0x3FFC199BDD85529C), FromBits(0x3FFD5818DCFBA487), FromBits(0x3FFEA4AFA2A490DA),
    ];

    public static double Exp(double x)
    {
        if (!(Math.Abs(x) < FallbackAbove))
            return Math.Exp(x);

        // s = x/ln2 + shifter, rounded toward zero: correct the nearest rounding when it went up.
        double s = Math.FusedMultiplyAdd(x, InvLn2, Shifter);
        if (Math.FusedMultiplyAdd(x, InvLn2, Shifter - s) < 0)
            s = Math.BitDecrement(s);
        double n = s - Shifter;
        double t = Table[(int)(BitConverter.DoubleToInt64Bits(s) & 15)];

        double r = Math.FusedMultiplyAdd(-n, Ln2High, x);
        r = Math.FusedMultiplyAdd(-Ln2Low, n, r);
        double r2 = r * r, r3 = r2 * r;
        double high = Math.FusedMultiplyAdd(C6, r, C5);
        double middle = Math.FusedMultiplyAdd(C4, r, C3);
        double low = Math.FusedMultiplyAdd(r2, C2, r);
        high = Math.FusedMultiplyAdd(r2, high, middle);
        double p = Math.FusedMultiplyAdd(r3, high, low);
        return Math.ScaleB(Math.FusedMultiplyAdd(t, p, t), (int)Math.Floor(n));
    }

    private static double FromBits(ulong bits) => BitConverter.Int64BitsToDouble((long)bits);
}

/// <summary>
/// The seed case's two peaks evaluated exactly as numpy evaluates <c>p0*np.exp(-(x-p2)**2/(2*p4**2)) + …</c> on an
/// AVX-512 machine: the same operation order and numpy's exp, so its values are numpy's to the bit. Only values are
/// needed: the scipy-compatible method takes its Jacobian by forward differences. Shared by the scipy compatibility
/// tests and the GaussianPeaks example, which links this file.
/// </summary>
internal readonly struct NumpyExpTwoGaussiansModel : IModel
{
    private static readonly string[] Names = ["p0", "p1", "p2", "p3", "p4", "p5"];
    private static readonly string[] Variables = ["x"];

    public static string Formula => "p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))";
    public static int ParameterCount => 6;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => Names;
    public static IReadOnlyList<string> VariableNames => Variables;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values)
    {
        // numpy's order: -(x - p2)² / (2·p4²), then p0·exp(…) + p1·exp(…).
        for (int i = 0; i < values.Length; i++)
        {
            double u = x[i] - p[2], v = x[i] - p[3];
            values[i] = p[0] * NumpyExp.Exp(-(u * u) / (2 * (p[4] * p[4])))
                      + p[1] * NumpyExp.Exp(-(v * v) / (2 * (p[5] * p[5])));
        }
    }

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> values, Span<double> jacobian)
        => ForwardDifference<NumpyExpTwoGaussiansModel>.EvaluateWithJacobian(x, p, values, jacobian);

    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                 ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<NumpyExpTwoGaussiansModel>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                      ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<NumpyExpTwoGaussiansModel>(x, parameters, y, sqrtWeights, sums);
}
