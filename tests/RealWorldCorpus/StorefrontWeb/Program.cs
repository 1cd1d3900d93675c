using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.ML;
using StorefrontWeb.Services;
using StorefrontWeb.Training;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddControllers();
builder.Services.Configure<ModelOptions>(builder.Configuration.GetSection(ModelOptions.Section));
builder.Services.AddSingleton(new MLContext()); // expect: MLOPS001
builder.Services.AddSingleton<ModelPool>();
builder.Services.AddSingleton<IntentScorer>();
builder.Services.AddHostedService<FeedbackRetrainer>();

var app = builder.Build();
app.MapControllers();
app.Run();
