// SPDX-License-Identifier: MIT
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelCompiler.Orleans;

namespace ClusterEm;

/// <summary>
/// Silos and a client on localhost with development clustering: silo i listens on port 11111 + i for silos and
/// 30000 + i for clients, and silo 0 is the primary every other silo joins. For a cluster of machines replace
/// UseLocalhostClustering by ADO.NET or Redis clustering (docs/Cluster.md).
/// </summary>
internal static class LocalSilo
{
    public const int SiloPort = 11111, GatewayPort = 30000;

    public static async Task<IHost> StartAsync(int index, CancellationToken cancellationToken = default)
    {
        IHost host = Host.CreateDefaultBuilder()
            .UseOrleans(silo => silo
                .UseLocalhostClustering(SiloPort + index, GatewayPort + index, new IPEndPoint(IPAddress.Loopback, SiloPort))
                .AddModelCompiler())
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error))
            .Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    public static async Task<IHost> StartClientAsync(int silos, CancellationToken cancellationToken = default)
    {
        IHost host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(Enumerable.Range(0, silos).Select(i => GatewayPort + i).ToArray()))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error))
            .Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
