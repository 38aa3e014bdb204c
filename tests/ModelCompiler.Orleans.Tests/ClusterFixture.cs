// SPDX-License-Identifier: MIT
using Orleans.Configuration;
using Orleans.TestingHost;

namespace ModelCompiler.Orleans.Tests;

/// <summary>
/// One cluster of three in-process silos for the whole test project (starting one takes seconds). Each silo fits
/// one partition at a time on one core, so partitions last long enough to be seen running, and a silo that is killed
/// is noticed within seconds (short probes, short response timeout: the package's calls are all short).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 3;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder((short)SiloCount);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddModelCompiler(new CurveFitSiloOptions { MaxConcurrentFits = 1, MaxDegreeOfParallelism = 1 });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        builder.ConfigureClient(client => client.AddModelCompiler().Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Orleans cluster";
}
