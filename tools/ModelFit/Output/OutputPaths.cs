// SPDX-License-Identifier: MIT
using ModelCompiler.ModelFit.Input;

namespace ModelCompiler.ModelFit.Output;

/// <summary>Checks of the output paths, made before any work so that a typo does not cost a long fit.</summary>
internal static class OutputPaths
{
    /// <summary>"-" for standard output, or a file whose folder exists.</summary>
    public static void CheckJson(string? path)
    {
        if (path is null or "-")
            return;
        CheckFolder(path, "--json");
    }

    /// <summary>A .png or .svg file whose folder exists.</summary>
    public static void CheckPlot(string? path)
    {
        if (path is null)
            return;
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
            throw new ModelFitException(ExitCode.Output, $"--plot {path}: the file must end in .png or .svg.");
        CheckFolder(path, "--plot");
    }

    /// <summary>A .parquet, .arrow, .feather or .ipc file whose folder exists.</summary>
    public static void CheckColumnar(string path, string option)
    {
        ColumnarFormats.Of(path, option, ExitCode.Output);
        CheckFolder(path, option);
    }

    private static void CheckFolder(string path, string option)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(folder))
            throw new ModelFitException(ExitCode.Output, $"{option} {path}: the folder {folder} does not exist.");
        if (Directory.Exists(path))
            throw new ModelFitException(ExitCode.Output, $"{option} {path} is a folder; give a file name.");
    }

    /// <summary>Writes through <paramref name="write"/> to the file, or to standard output for "-".</summary>
    public static void WriteJson(string path, TextWriter standardOutput, Action<Stream> write)
    {
        if (path == "-")
        {
            using var buffer = new MemoryStream();
            write(buffer);
            standardOutput.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            standardOutput.Flush();
            return;
        }
        try
        {
            using var file = File.Create(path);
            write(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFitException(ExitCode.Output, $"--json {path} cannot be written: {e.Message}");
        }
    }
}
