using System.Globalization;

namespace Weft.Cli.Workloads;

/// <summary>
/// Addresses of network-namespace workloads, 10.250.0.2 upwards in 10.250.0.0/16, recorded as
/// the loopback allocator records its own (address, workload, owning pid, under an exclusive
/// lock) in <c>netns-addresses</c>. A record whose owner died is dropped, and what it left (its
/// namespace and veth) removed. The bridge is created and removed under the same lock, so two
/// supervisors never race on it.
/// </summary>
public sealed class NetnsAddresses(string directory)
{
    private readonly AddressRecords _records = new(directory, "netns-addresses", TimeSpan.FromSeconds(30));

    /// <summary>An address for <paramref name="id"/> (NS/NAME), its previous one when free.</summary>
    public string Allocate(string id, Action<string> removeStale, Action ensureBridge) => _records.Update(records =>
    {
        foreach (var dead in records.Where(r => r.Id != id && !WorkloadHome.IsAlive(r.Pid)).ToList())
        {
            removeStale(dead.Id);
            records.Remove(dead);
        }
        var previous = records.FirstOrDefault(r => r.Id == id)?.Address;
        records.RemoveAll(r => r.Id == id);
        ensureBridge();
        var taken = records.Select(r => r.Address).ToHashSet(StringComparer.Ordinal);
        if (previous is not null && !taken.Contains(previous))
        {
            records.Add(new AddressRecord(previous, id, Environment.ProcessId));
            return previous;
        }
        for (var n = 2; n < 65534; n++)
        {
            var address = $"10.250.{(n >> 8).ToString(CultureInfo.InvariantCulture)}.{(n & 0xff).ToString(CultureInfo.InvariantCulture)}";
            if ((n & 0xff) is 0 or 255 || taken.Contains(address))
                continue;
            records.Add(new AddressRecord(address, id, Environment.ProcessId));
            return address;
        }
        throw new CliException($"no free address for {id} in 10.250.0.0/16: every one is taken");
    });

    /// <summary>Forgets <paramref name="id"/>'s address, then runs <paramref name="whenReleased"/> under the lock (the bridge goes with the last one).</summary>
    public void Release(string id, Action whenReleased) => _records.Update(records =>
    {
        records.RemoveAll(r => r.Id == id);
        if (records.Count == 0)
            whenReleased();
        return 0;
    });

    /// <summary>The recorded workloads (for tests and `weft get workloads`).</summary>
    public IReadOnlyList<(string Address, string Id, int Pid)> List() =>
        [.. _records.Read().Select(r => (r.Address, r.Id, r.Pid))];
}
