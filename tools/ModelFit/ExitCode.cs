// SPDX-License-Identifier: MIT
namespace ModelCompiler.ModelFit;

/// <summary>
/// What modelfit's exit code means. Every failure prints one message naming the problem and where it is (an option, a
/// line and column of the file, the characters of the formula) on standard error, never a stack trace.
/// </summary>
public enum ExitCode
{
    /// <summary>The fit converged (or the mixture's EM met its stopping rule) and every output was written.</summary>
    Success = 0,

    /// <summary>The fit ran and its results were written, but it did not converge: the termination says why.</summary>
    NotConverged = 1,

    /// <summary>The command line is invalid: an unknown or missing option, a malformed value, a name that is not a parameter.</summary>
    Usage = 2,

    /// <summary>The data cannot be used: a missing or empty file, an unknown column, a missing value or a cell that is not a number.</summary>
    Data = 3,

    /// <summary>The formula does not compile: the MC diagnostic is printed with a caret under the offending characters.</summary>
    Formula = 4,

    /// <summary>An output cannot be written: its folder does not exist, or a plot's extension is not .png or .svg.</summary>
    Output = 5,

    /// <summary>The solver refused the problem (for example the model is not finite at the start on these data).</summary>
    FitFailed = 6,

    /// <summary>
    /// The fit converged and its results were written, but the data do not determine every parameter (for many curves:
    /// some curve's): the values are one point of a set that fits as well, not estimates, and the covariance says which.
    /// </summary>
    NotDetermined = 7,

    /// <summary>Something failed that is not the input's fault: a bug to report, with the message printed.</summary>
    InternalError = 70,

    /// <summary>Ctrl-C (SIGINT) or SIGTERM stopped the work before it finished; nothing more was written.</summary>
    Cancelled = 130,
}

/// <summary>A failure the user can fix, with the exit code it maps to and a message that says what and where.</summary>
public sealed class ModelFitException(ExitCode code, string message) : Exception(message)
{
    /// <summary>The exit code of this failure.</summary>
    public ExitCode Code { get; } = code;
}
