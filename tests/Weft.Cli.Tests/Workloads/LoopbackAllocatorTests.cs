using System.Net;
using System.Net.Sockets;
using Weft.Cli.Workloads;
using Weft.Testing;

namespace Weft.Cli.Tests.Workloads;

public class LoopbackAllocatorTests
{
    [Fact]
    public void Workloads_get_distinct_loopback_addresses_and_the_same_one_again_after_release()
    {
        using var dir = Repo.TempDir("weft-addresses");
        var allocator = new LoopbackAllocator(dir.Path);
        var cars = allocator.Allocate("travel/cars", [8000]);
        var hotels = allocator.Allocate("travel/hotels", [8000]);
        cars.Should().MatchRegex(@"^127\.(1\d)\.\d+\.\d+$");
        hotels.Should().NotBe(cars);
        File.ReadAllText(Path.Combine(dir.Path, "addresses")).Should().Be($"{cars} travel/cars {Environment.ProcessId}\n{hotels} travel/hotels {Environment.ProcessId}\n");

        allocator.Release("travel/cars");
        new LoopbackAllocator(dir.Path).Allocate("travel/cars", [8000]).Should().Be(cars, "a workload keeps its address when it is free");
    }

    [Fact]
    public void An_address_whose_ports_are_taken_is_skipped()
    {
        using var dir = Repo.TempDir("weft-addresses");
        var first = new LoopbackAllocator(dir.Path).Allocate("travel/cars", [8000]);
        new LoopbackAllocator(dir.Path).Release("travel/cars");
        using var squatter = new TcpListener(IPAddress.Parse(first), 8000);
        squatter.Start();
        new LoopbackAllocator(dir.Path).Allocate("travel/cars", [8000]).Should().NotBe(first);
    }

    [Fact]
    public void Allocations_of_a_process_that_is_gone_are_free_again()
    {
        using var dir = Repo.TempDir("weft-addresses");
        var allocator = new LoopbackAllocator(dir.Path);
        var cars = allocator.Allocate("travel/cars", []);
        File.WriteAllText(Path.Combine(dir.Path, "addresses"), $"{cars} travel/other 999999999\n");
        allocator.Allocate("travel/cars", []).Should().Be(cars);
    }
}
