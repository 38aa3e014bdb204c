// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit.Input;

namespace ModelCompiler.ModelFit.Fitting;

/// <summary>
/// The fit command's work for one model type: checks the parameter names of --p0, --bounds and --fix against the
/// model, guesses the missing initial values, fits, and evaluates the residuals. Generic over the model so that a
/// formula compiled at run time and a source-generated model take the same path.
/// </summary>
public sealed class FitRun(FitInputs inputs, IProgress<FitProgress>? progress = null, IProgress<string>? stage = null,
                           CancellationToken cancellationToken = default)
    : IModelVisitor<FitOutcome>
{
    /// <summary>Fits <typeparamref name="TModel"/> to the inputs.</summary>
    /// <exception cref="ModelFitException">A name is not a parameter (<see cref="ExitCode.Usage"/>), or the solver refused
    /// the problem (<see cref="ExitCode.FitFailed"/>).</exception>
    public FitOutcome Visit<TModel>() where TModel : struct, IModel
    {
        IReadOnlyList<string> names = TModel.ParameterNames;
        ParameterAssignments.RequireConsistent(names, inputs.Start, inputs.Bounds, inputs.Fixed);

        int p = names.Count;
        var known = new double[p];
        var isFixed = new bool[p];
        double[]? lower = inputs.Bounds.Count == 0 ? null : new double[p];
        double[]? upper = inputs.Bounds.Count == 0 ? null : new double[p];
        for (int j = 0; j < p; j++)
        {
            string name = names[j];
            isFixed[j] = inputs.Fixed.TryGetValue(name, out double fixedValue);
            known[j] = isFixed[j] ? fixedValue : inputs.Start.TryGetValue(name, out double start) ? start : double.NaN;
            if (lower is not null)
            {
                (lower[j], upper![j]) = inputs.Bounds.TryGetValue(name, out var bound) ? bound : (double.NegativeInfinity, double.PositiveInfinity);
                ParameterAssignments.RequireWithinBounds(name, known[j], isFixed[j], lower[j], upper[j]);
            }
        }
        var setup = new FitSetup
        {
            Sigma = inputs.Sigma,
            LowerBounds = lower,
            UpperBounds = upper,
            Fixed = isFixed.Any(f => f) ? isFixed : null,
        };
        var options = CurveFitOptions.Default with { ConfidenceLevel = inputs.ConfidenceLevel };
        bool[] guessed = known.Select(double.IsNaN).ToArray();
        try
        {
            double[] initial = known;
            if (guessed.Any(g => g))
            {
                stage?.Report("searching for a start");
                initial = CurveFit.GuessInitial<TModel>(inputs.X, inputs.Y, setup, known, cancellationToken);
            }
            stage?.Report("fitting");
            var result = CurveFit.Fit<TModel>(inputs.X, inputs.Y, initial, setup, options, progress, cancellationToken);
            var values = new double[inputs.Y.Length];
            TModel.Evaluate(inputs.X, result.Parameters, values);
            var residuals = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
                residuals[i] = inputs.Y[i] - values[i];
            FitBand? band = inputs.BandGrid is { } grid ? CurveFit.ConfidenceBand<TModel>(result, grid) : null;
            return new FitOutcome(result, initial, guessed, residuals, band);
        }
        catch (ArgumentException e)
        {
            throw new ModelFitException(ExitCode.FitFailed, "The fit cannot start: " + Output.Numbers.MessageOf(e));
        }
    }
}
