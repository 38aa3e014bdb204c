// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Calls of F and of the Jacobian, shared by an evaluator's copies.</summary>
internal sealed class EvaluationCounter
{
    public int Residuals;
    public int Jacobians;
}

/// <summary>
/// A square system F(x) = 0 as the solvers see it: residuals, and the Jacobian's nonzeros in the CSR order of
/// <see cref="Pattern"/>. Implemented by structs, so the solvers, generic over it, are specialized by the JIT.
/// </summary>
internal interface ISystemEvaluator
{
    /// <summary>The Jacobian's structure (n×n).</summary>
    SparsityPattern Pattern { get; }

    EvaluationCounter Counter { get; }

    /// <summary>True when the Jacobian comes from differences of F (its calls of F are counted as residual evaluations).</summary>
    bool UsesDifferences { get; }

    /// <summary>Writes F(x); false when a value is not finite.</summary>
    bool Residuals(ReadOnlySpan<double> x, Span<double> f);

    /// <summary>Writes J(x) in the pattern's order, given <paramref name="fx"/> = F(x); false when a value is not finite.</summary>
    bool Jacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> fx, Span<double> values);
}

/// <summary>A generated <see cref="IEquationSystem"/>: static calls, its symbolic Jacobian and pattern.</summary>
internal readonly struct GeneratedSystem<TSystem>(SparsityPattern pattern, EvaluationCounter counter) : ISystemEvaluator
    where TSystem : IEquationSystem
{
    public SparsityPattern Pattern => pattern;

    public EvaluationCounter Counter => counter;

    public bool UsesDifferences => false;

    public bool Residuals(ReadOnlySpan<double> x, Span<double> f)
    {
        counter.Residuals++;
        TSystem.Evaluate(x, f);
        return SystemChecks.AllFinite(f);
    }

    public bool Jacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> fx, Span<double> values)
    {
        counter.Jacobians++;
        TSystem.Jacobian(x, values);
        return SystemChecks.AllFinite(values);
    }
}

/// <summary>
/// Delegates: F, and either a dense row-major Jacobian (whose CSR order under a dense pattern is the same) or
/// differences of F over the given pattern's column groups.
/// </summary>
internal readonly struct DelegateSystem(SystemFunction function, SystemJacobian? jacobian, FiniteDifferenceJacobian? differences,
                                        SparsityPattern pattern, EvaluationCounter counter) : ISystemEvaluator
{
    public SparsityPattern Pattern => pattern;

    public EvaluationCounter Counter => counter;

    public bool UsesDifferences => jacobian is null;

    public bool Residuals(ReadOnlySpan<double> x, Span<double> f)
    {
        counter.Residuals++;
        try
        {
            function(x, f);
        }
        catch (IndexOutOfRangeException e)
        {
            // scipy's fsolve says "mismatch between the input and output shape"; the spans make it an index error.
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The residual function indexed outside x or F, which have {x.Length} entries each: the system must be square, " +
                $"one equation per unknown. For more equations than unknowns, fit them by least squares (CurveFit)."), "residuals", e);
        }
        return SystemChecks.AllFinite(f);
    }

    public bool Jacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> fx, Span<double> values)
    {
        counter.Jacobians++;
        if (jacobian is not null)
        {
            jacobian(x, values);
            return SystemChecks.AllFinite(values);
        }
        return differences!.Compute(function, x, fx, values, counter);
    }
}

internal static class SystemChecks
{
    public static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (double t in v)
            if (!double.IsFinite(t))
                return false;
        return true;
    }

    public static int FirstNonFinite(ReadOnlySpan<double> v)
    {
        for (int i = 0; i < v.Length; i++)
            if (!double.IsFinite(v[i]))
                return i;
        return -1;
    }

    /// <summary>Scatters CSR values into a dense column-major n×n matrix (entry (i, j) at j·n + i).</summary>
    public static void ToDenseColumnMajor(SparsityPattern pattern, ReadOnlySpan<double> values, Span<double> dense)
    {
        int n = pattern.RowCount;
        dense[..(n * pattern.ColumnCount)].Clear();
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        for (int i = 0; i < n; i++)
            for (int k = starts[i]; k < starts[i + 1]; k++)
                dense[columns[k] * n + i] = values[k];
    }
}
