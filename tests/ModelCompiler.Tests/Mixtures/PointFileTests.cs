// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Distributed;

namespace ModelCompiler.Tests.Mixtures;

public sealed class PointFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pointfile").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ThePointsComeBackAsWritten()
    {
        double[,] rows = SyntheticMixtures.ThreeClusters2D(3000, seed: 2);
        string path = Path.Combine(_folder, "p0.points");
        PointFile.Write(path, rows);
        PartitionShard shard = PointFile.Read(path);
        Assert.Equal(3000, shard.PointCount);
        Assert.Equal(2, shard.ColumnCount);
        double[] expected = InProcessPartitions.Split(rows, [3000]).Run(new PartitionTask(PartitionTaskKind.ColumnSums, []), default)[0];
        Assert.Equal(expected, shard.Run(new PartitionTask(PartitionTaskKind.ColumnSums, [])));
    }

    [Fact]
    public void ATruncatedFileIsRefusedByName()
    {
        string path = Written("cut.points");
        using (var stream = new FileStream(path, FileMode.Open))
            stream.SetLength(stream.Length - 8);
        var error = Assert.Throws<InvalidDataException>(() => PointFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void AnAlteredValueIsCaughtByTheChecksum()
    {
        string path = Written("flip.points");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => PointFile.Read(path));
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void AForeignOrMissingFileIsRefusedByName()
    {
        string foreign = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(foreign, "these are not points, just some text long enough for a header");
        Assert.Contains("not a point file", Assert.Throws<InvalidDataException>(() => PointFile.Read(foreign)).Message);
        string missing = Path.Combine(_folder, "absent.points");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => PointFile.Read(missing)).Message);
    }

    private string Written(string name)
    {
        string path = Path.Combine(_folder, name);
        PointFile.Write(path, SyntheticMixtures.ThreeClusters2D(100, seed: 4));
        return path;
    }
}
