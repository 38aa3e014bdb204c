// SPDX-License-Identifier: MIT
namespace ModelCompiler.ModelFit.Input;

/// <summary>The columnar file formats the many command reads and writes, told by the file's extension.</summary>
internal enum ColumnarFormat { Parquet, Arrow }

internal static class ColumnarFormats
{
    /// <summary>Whether <paramref name="path"/>'s extension is one of the formats'.</summary>
    public static bool IsKnown(string path) => Path.GetExtension(path).ToLowerInvariant() is ".parquet" or ".arrow" or ".feather" or ".ipc" or ".arrows";

    /// <summary>The format of <paramref name="path"/>, or the error (with <paramref name="code"/>) that names the extensions known.</summary>
    public static ColumnarFormat Of(string path, string option, ExitCode code) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".parquet" => ColumnarFormat.Parquet,
        _ when IsKnown(path) => ColumnarFormat.Arrow,
        _ => throw new ModelFitException(code, $"{option} {path}: give a .parquet file, or an Arrow IPC file (.arrow, .feather, .ipc)."),
    };
}
