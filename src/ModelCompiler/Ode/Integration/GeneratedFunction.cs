// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>A compiled system with its parameters bound: every derivative comes from the system's generated code.</summary>
internal readonly struct GeneratedFunction<TSystem> : IOdeFunction where TSystem : IOdeSystem
{
    private readonly double[] _parameters;

    public GeneratedFunction(int stateCount, double[] parameters)
    {
        StateCount = stateCount;
        _parameters = parameters;
        JacobianPattern = PatternCache<TSystem>.For(stateCount);
    }

    public int StateCount { get; }

    public SparsityPattern JacobianPattern { get; }

    public int JacobianBlocks => 1;

    public bool IsAutonomous => TSystem.IsAutonomous;

    public bool HasAnalyticJacobian => true;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => TSystem.Evaluate(t, y, _parameters, dydt);

    public int Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, ReadOnlySpan<double> scale, Span<double> values)
    {
        TSystem.Jacobian(t, y, _parameters, values);
        return 0;
    }

    public int TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, Span<double> dfdt)
    {
        if (TSystem.IsAutonomous)
            dfdt.Clear();
        else
            TSystem.TimeDerivative(t, y, _parameters, dfdt);
        return 0;
    }
}

/// <summary>The last pattern built for a system and size, so that repeated solves (as in a fit) do not rebuild it.</summary>
internal static class PatternCache<TSystem> where TSystem : IOdeSystem
{
    private static Tuple<int, SparsityPattern>? _last;

    public static SparsityPattern For(int stateCount)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Item1 == stateCount)
            return last.Item2;
        var pattern = TSystem.JacobianPattern(stateCount);
        Volatile.Write(ref _last, Tuple.Create(stateCount, pattern));
        return pattern;
    }
}
