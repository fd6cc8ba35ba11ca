using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Weft.Cli.Workloads;

/// <summary>
/// Gives each workload on this machine a loopback address of its own (127.B.C.D), so every
/// workload and its sidecar can bind the standard ports (8000, 15000, 15001) as on a VM of their
/// own. Allocations are recorded in one file (address, workload, owning pid) under an exclusive
/// lock; an address is taken only if no live owner records it and its ports can be bound. A
/// workload gets the same address again when it is free (addresses are stable across restarts).
/// </summary>
public sealed class LoopbackAllocator(string directory)
{
    /// <summary>127.10.0.0/16 upwards: clear of 127.0.0.1 and of the addresses the test helpers pick at random (127.20+).</summary>
    private const int FirstB = 10;
    private const int Span = 10 * 250 * 250;

    private readonly AddressRecords _records = new(directory, "addresses", TimeSpan.FromSeconds(15));

    /// <summary>Allocates an address for <paramref name="id"/> (NS/NAME) whose <paramref name="ports"/> are free.</summary>
    public string Allocate(string id, IEnumerable<int> ports)
    {
        var needed = ports.Concat([15000, 15001]).Distinct().ToArray();
        return _records.Update(records =>
        {
            records.RemoveAll(r => r.Id == id || !WorkloadHome.IsAlive(r.Pid));
            var taken = records.Select(r => r.Address).ToHashSet(StringComparer.Ordinal);
            var seed = (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(directory + "\n" + id)), 0) % Span);
            for (var i = 0; i < 2000; i++)
            {
                var n = (seed + i) % Span;
                var address = $"127.{FirstB + n / 62500}.{n / 250 % 250 + 1}.{n % 250 + 2}";
                if (taken.Contains(address) || !CanBind(address, needed))
                    continue;
                records.Add(new AddressRecord(address, id, Environment.ProcessId));
                return address;
            }
            throw new CliException($"no free loopback address for {id}: 2000 candidates in 127.{FirstB}.0.0/12 were taken or had ports {string.Join(",", needed)} in use");
        });
    }

    /// <summary>Forgets the allocation of <paramref name="id"/>.</summary>
    public void Release(string id) => _records.Update(records =>
    {
        records.RemoveAll(r => r.Id == id);
        return 0;
    });

    private static bool CanBind(string address, int[] ports)
    {
        foreach (var port in ports)
        {
            try
            {
                using var l = new TcpListener(IPAddress.Parse(address), port);
                l.Start();
            }
            catch (SocketException)
            {
                return false;
            }
        }
        return true;
    }
}
