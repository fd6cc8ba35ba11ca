namespace Weft.Samples.Hosting;

/// <summary>One service of the demos: what it reads from the environment and what it serves.</summary>
public interface ISample
{
    /// <summary>The name on the command line (travels, cars, portal, productpage, ...).</summary>
    string Name { get; }

    /// <summary>The port it listens on when nothing says otherwise (the demo's code default).</summary>
    int DefaultPort { get; }

    /// <summary>Reads its settings (errors go to <paramref name="env"/>), registers its services, and says which instance it is.</summary>
    Instance Configure(IServiceCollection services, EnvReader env);

    /// <summary>Maps its endpoints.</summary>
    void Map(WebApplication app);
}
