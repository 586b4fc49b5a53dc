/** A Backstage UI card with a heading and an optional line under it (what InfoCard gave in Material UI). */
import type { ReactNode } from 'react';
import { Card, CardBody, CardHeader, Text } from '@backstage/ui';

export function TitledCard(props: { title: string; subheader?: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-x-small" weight="bold">
          {props.title}
        </Text>
        {props.subheader && (
          <Text as="div" variant="body-small">
            {props.subheader}
          </Text>
        )}
      </CardHeader>
      <CardBody>{props.children}</CardBody>
    </Card>
  );
}
