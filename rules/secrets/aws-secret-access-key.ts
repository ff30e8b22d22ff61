// Test code for aws-secret-access-key: SDK clients with credentials pasted in.
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import AWS from 'aws-sdk';

export const s3 = new S3Client({
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID as string,
    // ruleid: aws-secret-access-key
    secretAccessKey: 'nyVmihA+2O76UMFxFkM+R5Kjp1vRt/1fjORS+6il',
  },
});

// ruleid: aws-secret-access-key
AWS.config.credentials = new AWS.Credentials(process.env.AWS_KEY_ID as string, "nyVmihA+2O76UMFxFkM+R5Kjp1vRt/1fjORS+6iM");

const creds: { secretAccessKey?: string } = {};
// ruleid: aws-secret-access-key
creds.secretAccessKey = 'nyVmihA+2O76UMFxFkM+R5Kjp1vRt/1fjORS+6iN';

// The fixed form: the default provider chain.
// ok: aws-secret-access-key
export const ses = new SESClient({ region: process.env.AWS_REGION });

// Read from the environment.
// ok: aws-secret-access-key
export const fromEnv = { secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };

// AWS's documentation placeholder and obvious placeholders.
// ok: aws-secret-access-key
export const docs = { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
// ok: aws-secret-access-key
export const placeholder = { secretAccessKey: 'YOUR_SECRET_ACCESS_KEY' };
export { creds };
