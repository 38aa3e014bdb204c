// SPDX-License-Identifier: MIT
using ModelCompiler.ModelFit.Fitting;

namespace ModelCompiler.ModelFit.Output;

/// <summary>The plots of the commands.</summary>
internal static class CommandPlots
{
    public static void Fit(string path, FitInputs inputs, FitOutcome outcome) =>
        throw new ModelFitException(ExitCode.Output, $"--plot {path}: this build draws no plots.");

    public static void Mixture(string path, MixtureOutcome outcome) =>
        throw new ModelFitException(ExitCode.Output, $"--plot {path}: this build draws no plots.");

    public static void Mixreg(string path, double[] x, double[] y, MixregOutcome outcome) =>
        throw new ModelFitException(ExitCode.Output, $"--plot {path}: this build draws no plots.");
}
