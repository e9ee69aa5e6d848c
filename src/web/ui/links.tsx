import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
} from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

// Mantine components that navigate with the router (typed `to`, `params`, active state).

type AnchorElementProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'> & {
  ref?: Ref<HTMLAnchorElement>;
};

function MantineAnchor(props: AnchorProps & AnchorElementProps) {
  return <Anchor {...props} />;
}
function MantineButtonAnchor(props: ButtonProps & AnchorElementProps) {
  return <Button component="a" {...props} />;
}
function MantineNavLink(props: NavLinkProps & AnchorElementProps) {
  return <NavLink {...props} />;
}

const AnchorLinkBase = createLink(MantineAnchor);
const ButtonLinkBase = createLink(MantineButtonAnchor);
const NavItemLinkBase = createLink(MantineNavLink);

export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => <AnchorLinkBase {...props} />;
export const ButtonLink: LinkComponent<typeof MantineButtonAnchor> = (props) => <ButtonLinkBase {...props} />;
export const NavItemLink: LinkComponent<typeof MantineNavLink> = (props) => <NavItemLinkBase {...props} />;
