// SPDX-License-Identifier: MIT
namespace ModelCompiler.Plotting;

/// <summary>The file formats a figure is written in, chosen by the path's extension.</summary>
public enum FigureFormat
{
    /// <summary>A raster image, <c>.png</c>.</summary>
    Png,

    /// <summary>A vector image, <c>.svg</c>.</summary>
    Svg,
}

/// <summary>The checks every save makes on its path before drawing anything.</summary>
internal static class FigurePath
{
    /// <summary>The format the extension of <paramref name="path"/> asks for.</summary>
    /// <exception cref="ArgumentException">The path is empty, its extension is not .png or .svg, or its folder does not exist;
    /// the message names the path.</exception>
    public static FigureFormat Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("The plot path is empty; give a file name ending in .png or .svg.", nameof(path));
        string extension = Path.GetExtension(path);
        FigureFormat format = extension.ToLowerInvariant() switch
        {
            ".png" => FigureFormat.Png,
            ".svg" => FigureFormat.Svg,
            _ => throw new ArgumentException(
                $"The plot path '{path}' {(extension.Length == 0 ? "has no extension" : $"ends in '{extension}'")}; a plot is written as .png or .svg.",
                nameof(path)),
        };
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new ArgumentException($"The folder of the plot path '{path}' ({folder}) does not exist; create it first.", nameof(path));
        if (Directory.Exists(full))
            throw new ArgumentException($"The plot path '{path}' is a folder; give a file name ending in .png or .svg.", nameof(path));
        return format;
    }
}
