using System.Buffers.Binary;

namespace ModelFit.Tests.Infrastructure;

/// <summary>Checks of a PNG file from its bytes: the signature, the size in the IHDR chunk, and image data present.</summary>
internal static class Png
{
    public static void AssertImage(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"No image at {path}.");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 2000, $"{path} has only {bytes.Length} bytes.");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
