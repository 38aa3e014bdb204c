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
        var settings = ParameterAssignments.Resolve(TModel.ParameterNames, inputs.Start, inputs.Bounds, inputs.Fixed);
        double[] known = settings.Known;
        var setup = new FitSetup
        {
            Sigma = inputs.Sigma,
            LowerBounds = settings.Lower,
            UpperBounds = settings.Upper,
            Fixed = settings.Fixed,
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
