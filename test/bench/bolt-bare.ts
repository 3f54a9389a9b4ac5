// The baseline for `npm run bench:http`: the smallest Bolt app that answers `/msht` over HTTP the way
// Slack expects (verify the signature, ack, then post an answer to response_url). Started as its own
// process by http.bench.ts: PORT, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_API_URL in the environment.
import bolt from '@slack/bolt';

const env = process.env;
const app = new bolt.App({
  token: env.SLACK_BOT_TOKEN!,
  signingSecret: env.SLACK_SIGNING_SECRET!,
  clientOptions: { slackApiUrl: env.SLACK_API_URL! },
  logLevel: bolt.LogLevel.ERROR,
});

app.command('/msht', async ({ ack, respond }) => {
  await ack();
  await respond({
    response_type: 'ephemeral',
    text: 'Refer a child (under 18) to the NRM',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Refer a child (under 18) to the NRM*\nAnyone under 18 is referred to the NRM.' } }],
  });
});

await app.start(Number(env.PORT));
process.stdout.write(`listening on ${env.PORT}\n`);
const stop = () => void app.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
