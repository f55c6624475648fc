using RealtimeHub.Server.Hosting;

var app = HubApplication.Create(args);
await app.RunAsync();
