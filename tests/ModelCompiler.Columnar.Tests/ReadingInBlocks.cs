// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Columnar.Tests;

public static class ReadingInBlocks
{
    /// <summary>Reads in blocks of 97 rows, which end inside batches and span them, and checks that every row comes once, in order, as written.</summary>
    public static void AssertReadsEveryRowOnce(ICurveReader reader, double[,] y)
    {
        var block = new double[97, reader.PointCount];
        int row = 0, count;
        while ((count = reader.Read(block)) > 0)
        {
            for (int r = 0; r < count; r++, row++)
                for (int i = 0; i < reader.PointCount; i++)
                    Assert.Equal(y[row, i], block[r, i]);
        }
        Assert.Equal(y.GetLength(0), row);
        Assert.Equal(0, reader.Read(block));
    }
}
