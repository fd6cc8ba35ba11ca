using Weft.Proxy.Hosting;

var (options, errors) = ProxyOptions.Parse(args);
if (options is null)
{
    foreach (var e in errors)
        await Console.Error.WriteLineAsync("weft-proxy: " + e);
    await Console.Error.WriteLineAsync();
    await Console.Error.WriteLineAsync(ProxyOptions.Usage);
    return 2;
}
return await ProxyHost.RunAsync(options, CancellationToken.None);
