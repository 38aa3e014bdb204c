namespace ModelCompiler.Generators.Tests.Infrastructure;

/// <summary>
/// Ridders' method: central differences at shrinking steps, extrapolated to step zero by Neville's
/// tableau (Numerical Recipes, dfridr). It returns the derivative and an estimate of its error, typically
/// near 1e-12 relative for smooth functions, far tighter than one central difference.
/// </summary>
internal static class Ridders
{
    public static (double Derivative, double Error) Derivative(Func<double, double> f, double x, double h)
    {
        const int Size = 10;
        const double Shrink = 1.4, Shrink2 = Shrink * Shrink, Safe = 2;
        var table = new double[Size, Size];
        double step = h, error = double.MaxValue, answer = double.NaN;
        table[0, 0] = (f(x + step) - f(x - step)) / (2 * step);
        for (int i = 1; i < Size; i++)
        {
            step /= Shrink;
            table[0, i] = (f(x + step) - f(x - step)) / (2 * step);
            double factor = Shrink2;
            for (int j = 1; j <= i; j++)
            {
                table[j, i] = (table[j - 1, i] * factor - table[j - 1, i - 1]) / (factor - 1);
                factor *= Shrink2;
                double estimate = Math.Max(Math.Abs(table[j, i] - table[j - 1, i]), Math.Abs(table[j, i] - table[j - 1, i - 1]));
                if (estimate <= error)
                {
                    error = estimate;
                    answer = table[j, i];
                }
            }
            if (Math.Abs(table[i, i] - table[i - 1, i - 1]) >= Safe * error)
                break;
        }
        return (answer, error);
    }
}
