// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// <see cref="CurveFit.StartSolvingLinearOnOwnX{TModel}"/>: <see cref="LinearStartRule{TModel}"/> for curves that each have
/// their own x. Which parameters are affine is a property of the model, found once on the first curve the batch starts
/// (curve order, so that it does not depend on the thread count); the design, which depends on x, is factored per curve.
/// </summary>
internal sealed class OwnXLinearStartRule<TModel>(double[] initial, FitSetup setup) : IThreadSafeCurveStart where TModel : IModel
{
    private readonly Lock _firstCurve = new();
    private volatile Found? _found;

    /// <summary>Solves the affine parameters of curve <paramref name="curve"/> on its own <paramref name="x"/>.</summary>
    public void Write(long curve, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> start)
    {
        if (DataSums.FirstNonFinite(x) >= 0)
        {
            initial.CopyTo(start);   // the shared start, and the batch names the value
            return;
        }
        var found = _found ?? Find(curve, x, y.Length);
        RequireX(curve, x.Length, found.Template.PointCount);
        var workspace = found.Workspaces.Value!;
        x.CopyTo(workspace.X);
        try
        {
            new LinearStartRule<TModel>(found.Template with { X = workspace.X }, found.Affine, workspace.Scratch).Write(curve, y, start);
        }
        catch (ArgumentException e) when (e.ParamName == "initial")
        {
            throw new ArgumentException($"Curve {curve}: {e.Message.Replace(" (Parameter 'initial')", "")}", "initial");
        }
    }

    /// <summary>The start's checks and the affine parameters, on the first curve's x; the batch calls its first curve alone.</summary>
    private Found Find(long curve, ReadOnlySpan<double> x, int pointCount)
    {
        lock (_firstCurve)
        {
            if (_found is { } found)
                return found;
            int variables = TModel.VariableCount;
            RequireX(curve, x.Length, pointCount);
            LeastSquaresProblem template;
            try
            {
                template = InputValidation.Build(x.ToArray(), variables, new double[pointCount], initial, TModel.ParameterCount, TModel.ParameterNames, setup);
            }
            catch (ArgumentException e) when (e.ParamName is "x" or "y")
            {
                throw new ArgumentException($"Curve {curve}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "")}", "x");
            }
            return _found = new Found(template, LinearStartRule<TModel>.AffineSet(template));
        }
    }

    private static void RequireX(long curve, int xLength, int pointCount)
    {
        int variables = TModel.VariableCount;
        if (pointCount == 0 || xLength != pointCount * variables)
            throw new ArgumentException(
                $"Curve {curve} has {xLength} x values for {pointCount} points; a model of {variables} variable(s) needs {pointCount * variables}.", "x");
    }

    /// <summary>The first curve's findings, and each thread's arrays for the curves it starts (their x and the rule's work).</summary>
    private sealed record Found(LeastSquaresProblem Template, int[] Affine)
    {
        public ThreadLocal<Workspace> Workspaces { get; } =
            new(() => new Workspace(Template.X.Length, Template.PointCount, Template.ParameterCount));
    }

    private sealed class Workspace(int xLength, int n, int p)
    {
        public readonly double[] X = new double[xLength];
        public readonly LinearStartScratch Scratch = new(n, p);
    }
}
