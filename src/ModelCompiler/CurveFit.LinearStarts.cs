// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler;

public static partial class CurveFit
{
    /// <summary>
    /// Starts for a batch of curves that share their x: the shared start <paramref name="initial"/>, with the parameters
    /// the model is affine in (amplitudes, offsets, baselines; found as <see cref="GuessInitial{TModel}"/> finds them)
    /// solved for each curve by linear least squares, the others held at their shared values. Curves whose brightness
    /// varies over decades, as pixels' do, then start at their own scale instead of one that fits few of them.
    /// </summary>
    /// <remarks>
    /// The least squares are weighted by <paramref name="setup"/>'s Sigma or Weights when it has them (a reader's per-curve
    /// σ is not seen), its fixed parameters keep their shared values, and a solved value is clipped to its bounds. With
    /// the other parameters shared, the affine part's design is the same for every curve and is factored once; a curve
    /// costs a pass over its values. A parameter the data cannot tell from the others at the shared start, and every
    /// parameter of a curve with a value that is not finite, keep the shared start. Give the rule to
    /// <see cref="FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, CurveStart, BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>
    /// or <see cref="FitMany{TModel}(double[], double[,], CurveStart, BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
    /// </remarks>
    /// <param name="x">The points every curve shares: n values, or column-major n×V for V variables.</param>
    /// <param name="initial">The shared start, one value per parameter.</param>
    /// <param name="setup">Sigma or weights (n values), bounds and fixed parameters, shared by every curve.</param>
    /// <exception cref="ArgumentException">x, the start or the setup are invalid (as <c>Fit</c> reports them), or the model is
    /// not finite on x at the shared start (or with its affine parameters at 0), naming the point.</exception>
    public static CurveStart StartSolvingLinear<TModel>(double[] x, double[] initial, FitSetup? setup = null) where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(initial);
        int variables = TModel.VariableCount, n = x.Length / variables;
        if (n == 0 || x.Length % variables != 0)
            throw new ArgumentException(
                $"x has {x.Length} values; it needs one or more points of {variables} variable{(variables == 1 ? "" : "s")} each (column-major n×{variables}).",
                nameof(x));
        LeastSquaresProblem problem;
        try
        {
            problem = InputValidation.Build(x, variables, new double[n], initial, TModel.ParameterCount, TModel.ParameterNames,
                                            setup ?? FitSetup.None);
        }
        catch (ArgumentException e) when (e.ParamName == "y")
        {
            throw new ArgumentException(e.Message.Replace(" (Parameter 'y')", ""), nameof(x)); // the points are x's: no y is given here
        }
        return new LinearStartRule<TModel>(problem).Write;
    }

    /// <summary>
    /// Starts for a batch of curves that each have their own x, as <see cref="StartSolvingLinear{TModel}"/> makes them for
    /// curves that share theirs: the shared start <paramref name="initial"/>, with the parameters the model is affine in
    /// solved for each curve by linear least squares on its own points.
    /// </summary>
    /// <remarks>
    /// Which parameters are affine is found once, on the first curve of the batch; the design is built and factored per
    /// curve, so a curve costs a model evaluation on its points besides the pass over its values. Weights, bounds and
    /// fixed parameters are <paramref name="setup"/>'s, shared by every curve, as for <see cref="StartSolvingLinear{TModel}"/>.
    /// Give the rule to <see cref="FitMany{TModel}(double[,], double[,], CurveStartOnX, BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>
    /// or <see cref="FitMany{TModel}(ICurveReader, IBatchFitWriter, CurveStartOnX, BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
    /// The start and the setup are checked when the first curve is started; an error names the curve.
    /// </remarks>
    public static CurveStartOnX StartSolvingLinearOnOwnX<TModel>(double[] initial, FitSetup? setup = null) where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(initial);
        return new OwnXLinearStartRule<TModel>((double[])initial.Clone(), setup ?? FitSetup.None).Write;
    }
}
