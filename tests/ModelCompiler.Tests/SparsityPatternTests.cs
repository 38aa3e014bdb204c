// SPDX-License-Identifier: MIT
using Xunit;

namespace ModelCompiler.Tests;

public class SparsityPatternTests
{
    [Fact]
    public void A_band_lists_every_entry_within_it_row_by_row()
    {
        var band = SparsityPattern.Banded(5, 1, 2);
        var expected = new List<(int, int)>();
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                if (j >= i - 1 && j <= i + 2)
                    expected.Add((i, j));
        Assert.True(band.SameAs(SparsityPattern.FromEntries(5, 5, expected)));
        Assert.Equal(MatrixStructure.Banded, band.Structure);
        Assert.Equal((1, 2), (band.LowerBandwidth, band.UpperBandwidth));
        Assert.Equal(expected.Count, band.NonzeroCount);
    }

    [Fact]
    public void Entries_in_any_order_with_duplicates_give_sorted_unique_rows()
    {
        var pattern = SparsityPattern.FromEntries(3, 4, [(2, 3), (0, 1), (2, 0), (0, 1), (1, 2), (0, 0)]);
        Assert.Equal([0, 2, 3, 5], pattern.RowStarts.ToArray());
        Assert.Equal([0, 1, 2, 0, 3], pattern.ColumnIndices.ToArray());
        Assert.Equal(MatrixStructure.Sparse, pattern.Structure);
        Assert.Equal(4, pattern.IndexOf(2, 3));
        Assert.Equal(-1, pattern.IndexOf(1, 1));
    }

    [Fact]
    public void A_dense_pattern_is_row_major_and_classified_dense()
    {
        var dense = SparsityPattern.Dense(2, 3);
        Assert.Equal([0, 1, 2, 0, 1, 2], dense.ColumnIndices.ToArray());
        Assert.Equal(MatrixStructure.Dense, dense.Structure);
    }

    [Fact]
    public void Bad_csr_is_refused_with_the_position()
    {
        var e = Assert.Throws<ArgumentException>(() => SparsityPattern.FromCsr(2, 2, [0, 2, 3], [1, 0, 1]));
        Assert.Contains("row 0", e.Message);
        Assert.Throws<ArgumentException>(() => SparsityPattern.FromEntries(2, 2, [(0, 2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPattern.Banded(3, -1, 0));
    }
}
