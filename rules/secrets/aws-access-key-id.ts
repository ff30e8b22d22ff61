// Test code for aws-access-key-id: S3 and SES clients configured the way quick answers do it.
import { S3Client } from '@aws-sdk/client-s3';
import AWS from 'aws-sdk';

// "Upload files to S3 from my Express app"
export const s3 = new S3Client({
  region: 'us-east-1',
  credentials: {
    // ruleid: aws-access-key-id
    accessKeyId: 'AKIAUJZDEGXDNCF32EPF',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY as string,
  },
});

// ruleid: aws-access-key-id
AWS.config.update({ accessKeyId: "ASIA3DHODZDOCIS2JHTL", region: 'eu-west-1' });

export const config = {
  aws: {
    // ruleid: aws-access-key-id
    key: `AKIAUJZDEGXDNCF32EPG`,
  },
};

// The fixed form: the default credential provider chain.
// ok: aws-access-key-id
export const s3FromEnv = new S3Client({ region: process.env.AWS_REGION });

// AWS's documentation placeholder.
// ok: aws-access-key-id
export const docsExample = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };

// Not a key: too short, lower case, or part of a longer word.
// ok: aws-access-key-id
export const notKeys = ['AKIA1234', 'akiaujzdegxdncf32epf', 'XAKIAUJZDEGXDNCF32EPFX'];
