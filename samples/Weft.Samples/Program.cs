using Weft.Samples.Hosting;

if (args is ["--help"] or ["-h"] or ["help"])
{
    Console.WriteLine(SampleArguments.Usage(SampleCatalog.Names));
    return 0;
}
var (parsed, errors) = SampleArguments.Parse(args, [.. SampleCatalog.Names]);
if (parsed is null)
{
    foreach (var e in errors)
        await Console.Error.WriteLineAsync("weft-samples: " + e);
    await Console.Error.WriteLineAsync();
    await Console.Error.WriteLineAsync(SampleArguments.Usage(SampleCatalog.Names));
    return 2;
}
return await SampleHost.RunAsync(SampleCatalog.Create(parsed.Service), parsed, EnvReader.FromProcess(), CancellationToken.None);
